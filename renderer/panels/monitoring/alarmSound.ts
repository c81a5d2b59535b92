/**
 * The alarm tone: two short beeps (higher for severe alarms) through Web Audio, no audio file needed. Browsers start
 * the audio context only after a user gesture; until then the tone is skipped (the map still flashes).
 */
export class AlarmSound {
  private ctx: AudioContext | null = null;
  muted: boolean;

  constructor(private readonly storage: Storage | null = typeof window !== 'undefined' ? window.localStorage : null) {
    this.muted = storage?.getItem('cityops.alarmMuted') === '1';
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.storage?.setItem('cityops.alarmMuted', muted ? '1' : '0');
  }

  /** Call from a click handler so the audio context may start. */
  unlock(): void {
    try {
      this.ctx ??= new AudioContext();
      void this.ctx.resume();
    } catch {
      this.ctx = null;
    }
  }

  /** Plays the tone unless muted; returns whether it was played. */
  play(severity: number): boolean {
    if (this.muted) return false;
    try {
      this.ctx ??= new AudioContext();
      const ctx = this.ctx;
      if (ctx.state !== 'running') return false;
      const freq = severity >= 3 ? 1175 : 880;
      for (const start of [0, 0.3]) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, ctx.currentTime + start);
        gain.gain.exponentialRampToValueAtTime(0.4, ctx.currentTime + start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + start + 0.22);
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + start);
        osc.stop(ctx.currentTime + start + 0.25);
      }
      return true;
    } catch {
      return false;
    }
  }
}
