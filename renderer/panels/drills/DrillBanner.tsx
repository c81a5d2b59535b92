import { useEffect, useRef, useState } from 'react';
import type { Client } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import './drills.css';
import { drillText, statusKey } from './drillText';
import { formatUtc8Seconds, offsetWithSeconds } from './drillTime';
import { useDrillState, useExerciseClock, type ReceivedDrillState } from './useDrillState';

export { useDrillState } from './useDrillState';

/** How long the "back to live" notice stays after a drill ended. */
export const ENDED_NOTICE_MS = 15_000;

export interface DrillBannerProps {
  client: Client;
  locale: Locale;
}

/**
 * The drill strip at the top of every window. In drill mode a red, full-width 演练 EXERCISE banner: the exercise, 演示
 * for a demo, its status and speed, the exercise clock (UTC+8 and T+) ticking locally, and the real world's open
 * alarms (实况告警, amber) so a real emergency is not missed. In live mode nothing, except for 15 s after a drill
 * ended: 演练已结束，已返回实况 (or 意外终止). The strip element is always there (empty in live mode), one grid row of
 * the shell.
 */
export function DrillBanner({ client, locale }: DrillBannerProps) {
  const state = useDrillState(client);
  const notice = useEndedNotice(state);
  const drill = state?.mode === 'drill' && state.run ? state : null;
  return (
    <div className="drill-strip" data-testid="drill-strip" data-mode={state?.mode ?? 'unknown'}>
      {drill && <ExerciseBanner state={drill} locale={locale} />}
      {!drill && notice && (
        <div className={`drill-ended-notice status-${notice.status}`} role="status" data-testid="drill-ended-notice" data-status={notice.status} data-run-id={notice.runId}>
          {drillText(locale)(notice.status === 'terminated' ? 'banner.terminated' : 'banner.ended')}
          {notice.reason ? ` · ${notice.reason}` : ''}
        </div>
      )}
    </div>
  );
}

function ExerciseBanner({ state, locale }: { state: ReceivedDrillState; locale: Locale }) {
  const t = drillText(locale);
  const en = drillText('en');
  const run = state.run!;
  const clock = useExerciseClock(state) ?? run.exerciseNow;
  const second = Math.floor(clock / 1000) * 1000;
  const live = state.live.openAlarms;
  return (
    <div className={`drill-banner status-${run.status}`} role="status" aria-live="polite" data-testid="drill-banner" data-status={run.status} data-run-id={run.runId} data-demo={String(run.demo)}>
      <strong className="drill-banner-title">{t('banner.exercise')}</strong>
      <span className="drill-banner-name" data-testid="drill-banner-name">
        {run.name}
      </span>
      {run.demo && (
        <span className="drill-banner-demo" data-testid="drill-banner-demo">
          {t('banner.demo')}
        </span>
      )}
      <span className="drill-banner-status" data-testid="drill-banner-status">
        {t(statusKey(run.status))}
        {locale === 'zh-CN' && <small> {en(statusKey(run.status))}</small>}
      </span>
      <span className="drill-banner-speed" data-testid="drill-banner-speed" title={t('banner.speed')}>
        ×{run.speed}
      </span>
      <span className="drill-banner-clock" data-testid="drill-banner-clock" data-at={second}>
        {formatUtc8Seconds(second)}
      </span>
      <span className="drill-banner-offset" data-testid="drill-banner-offset">
        {offsetWithSeconds(second - run.t0)}
      </span>
      <span className="drill-banner-progress" data-testid="drill-banner-progress">
        {run.delivered}/{run.total}
      </span>
      {live > 0 && (
        <span className="drill-live-alarms" data-testid="drill-banner-live-alarms" data-count={live} data-severity={state.live.worstSeverity} title={t('banner.liveAlarmsTitle')}>
          {t('banner.liveAlarms')} {live}
        </span>
      )}
    </div>
  );
}

/**
 * The drill that just ended, for 15 s: seen ending in this window (drill → live), or, on a window that opens (or is
 * re-keyed) right after, a lastEnded less than 15 s old.
 */
function useEndedNotice(state: ReceivedDrillState | null): NonNullable<ReceivedDrillState['lastEnded']> | null {
  const [notice, setNotice] = useState<NonNullable<ReceivedDrillState['lastEnded']> | null>(null);
  const prevMode = useRef<string | null>(null);
  useEffect(() => {
    if (!state) return;
    const was = prevMode.current;
    prevMode.current = state.mode;
    const ended = state.lastEnded;
    if (state.mode !== 'live' || !ended) {
      if (state.mode === 'drill') setNotice(null);
      return;
    }
    const fresh = Math.abs(Date.now() - ended.at) < ENDED_NOTICE_MS;
    if (was === 'drill' || (was === null && fresh)) setNotice(ended);
  }, [state]);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), ENDED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return notice;
}
