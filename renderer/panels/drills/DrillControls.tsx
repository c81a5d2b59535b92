import { useState } from 'react';
import type { DrillRunState, MethodInput } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { drillText } from './drillText';

export const CLOCK_SPEEDS = [1, 5, 10, 30, 60] as const;

/**
 * The exercise clock for the controller (导调): pause / resume, speed ×1–×60, jump to the next inject, end the drill
 * (with a confirm), and, apart and in red, 意外终止 — the real-world emergency stop, with a confirm and a reason.
 */
export function DrillControls({ run, locale, busy, onControl }: { run: DrillRunState; locale: Locale; busy: boolean; onControl(input: MethodInput<'drill.control'>): void }) {
  const t = drillText(locale);
  const [confirm, setConfirm] = useState<'end' | 'stop' | null>(null);
  const [reason, setReason] = useState('');
  const paused = run.status === 'paused';
  const live = run.status === 'running' || paused;
  return (
    <div className="drill-section drill-controls" data-testid="drill-controls">
      <h3>
        {t('control.title')} <small>{t('control.titleEn')}</small>
      </h3>
      <div className="drill-row">
        {paused ? (
          <button type="button" className="primary" data-testid="drill-resume" disabled={busy} onClick={() => onControl({ action: 'resume' })}>
            ▶ {t('control.resume')}
          </button>
        ) : (
          <button type="button" data-testid="drill-pause" disabled={busy || !live} onClick={() => onControl({ action: 'pause' })}>
            {t('control.pause')}
          </button>
        )}
        <div className="drill-speeds" role="group" aria-label={t('banner.speed')}>
          {CLOCK_SPEEDS.map((s) => (
            <button key={s} type="button" className={run.speed === s ? 'active' : ''} aria-pressed={run.speed === s} data-testid={`drill-speed-${s}`} disabled={busy || !live} onClick={() => onControl({ action: 'speed', speed: s })}>
              ×{s}
            </button>
          ))}
        </div>
        <button type="button" data-testid="drill-next" disabled={busy || !live || run.nextInjectAt === null} onClick={() => onControl({ action: 'next' })}>
          {t('control.next')} ▶
        </button>
        <button type="button" data-testid="drill-end" disabled={busy || !live} onClick={() => setConfirm(confirm === 'end' ? null : 'end')}>
          {t('control.end')}
        </button>
      </div>
      {confirm === 'end' && (
        <div className="drill-confirm" role="alertdialog" aria-label={t('control.endAsk')}>
          <span>{t('control.endAsk')}</span>
          <button
            type="button"
            className="primary"
            data-testid="drill-end-confirm"
            disabled={busy}
            onClick={() => {
              setConfirm(null);
              onControl({ action: 'end' });
            }}
          >
            {t('control.endConfirm')}
          </button>
          <button type="button" onClick={() => setConfirm(null)}>
            {t('control.cancel')}
          </button>
        </div>
      )}
      <div className="drill-stop-zone">
        <button type="button" className="drill-emergency-stop" data-testid="drill-emergency-stop" title={t('control.stopHint')} disabled={busy || !live} onClick={() => setConfirm(confirm === 'stop' ? null : 'stop')}>
          {t('control.stop')}
          <small>{t('control.stopHint')}</small>
        </button>
        {confirm === 'stop' && (
          <form
            className="drill-confirm drill-stop-confirm"
            role="alertdialog"
            aria-label={t('control.stop')}
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim().length < 2) return;
              setConfirm(null);
              onControl({ action: 'emergencyStop', reason: reason.trim() });
              setReason('');
            }}
          >
            <label>
              {t('control.stopReason')}
              <input data-testid="drill-emergency-reason" value={reason} required minLength={2} maxLength={500} onChange={(e) => setReason(e.target.value)} autoFocus />
            </label>
            <button type="submit" className="drill-emergency-confirm" data-testid="drill-emergency-confirm" disabled={busy || reason.trim().length < 2}>
              {t('control.stopConfirm')}
            </button>
            <button type="button" onClick={() => setConfirm(null)}>
              {t('control.cancel')}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
