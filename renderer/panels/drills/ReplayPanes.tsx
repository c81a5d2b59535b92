import { useEffect, useRef } from 'react';
import { incidentStatusLabels, type AlarmInfo, type DrillEvent, type ReplayState } from '../../../preload/contract';
import { severityColour } from '../../layers/floodStations/floodStationsStyle';
import { pick, type Locale } from '../../ui/locale';
import { monitoringText, type MonitoringTextKey } from '../monitoring/monitoringText';
import { drillText } from './drillText';
import { formatUtc8Time, offsetWithSeconds } from './drillTime';
import { eventSummary, kindLabel } from './eventSummary';
import { kindColour } from './replayModel';

/** The alarm list as it stood at the cursor (level and state then; alarms raised later are not there). */
export function ReplayAlarms({ alarms, at, t0, locale, onPick }: { alarms: AlarmInfo[]; at: number | null; t0: number; locale: Locale; onPick(a: AlarmInfo): void }) {
  const t = drillText(locale);
  const m = monitoringText(locale);
  return (
    <div className="drill-section" data-testid="drill-replay-alarms" data-at={at ?? ''} data-count={alarms.length}>
      <h3>
        {t('replay.alarms')} <small>{t('replay.alarmsEn')}</small>
      </h3>
      {alarms.length === 0 && <p className="muted">{t('replay.noAlarms')}</p>}
      <ul className="replay-alarms">
        {alarms.map((a) => (
          <li key={a.id} className={`state-${a.state}`} data-testid={`drill-replay-alarm-${a.id}`} data-state={a.state} data-level={a.level} data-severity={a.severity} data-station={a.stationId ?? ''} data-stream={a.streamId}>
            <button type="button" onClick={() => onPick(a)}>
              <span className="replay-alarm-level" style={{ color: severityColour[a.severity] }}>
                {a.level}
              </span>
              <span className="replay-alarm-name">{a.stationName ?? a.stationId ?? a.streamId}</span>
              <span className="num">{a.value === null ? '' : `${a.value.toFixed(2)} ${a.unit ?? ''}`}</span>
              <span className="muted">{offsetWithSeconds(a.raisedAt - t0)}</span>
              <span className="replay-alarm-state">{m(`state.${a.state}` as MonitoringTextKey)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Incidents as they stood at the cursor, with their status then. */
export function ReplayIncidents({ state, locale }: { state: ReplayState | null; locale: Locale }) {
  const t = drillText(locale);
  if (!state || state.incidents.length === 0) return null;
  return (
    <div className="drill-section" data-testid="drill-replay-incidents">
      <h3>{t('replay.incidents')}</h3>
      <ul className="replay-incidents">
        {state.incidents.map((i) => {
          const plans = state.activations.filter((a) => a.incidentId === i.id);
          return (
            <li key={i.id} data-testid={`drill-replay-incident-${i.id}`} data-status={i.status}>
              <strong>{i.code}</strong> {i.title} · {pick(incidentStatusLabels[i.status], locale)}
              {plans.map((a) => (
                <span key={a.activationId} className="badge">
                  {a.planId} {a.level} · {a.done.length}✓
                </span>
              ))}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * The event log on the replay timeline: entries after the cursor are dimmed, the one at the cursor is marked, a click
 * on a line moves the cursor there. `follow` keeps the current line in view (while playing).
 */
export function ReplayLog({ events, at, t0, locale, follow, onSeek }: { events: DrillEvent[]; at: number; t0: number; locale: Locale; follow: boolean; onSeek(at: number): void }) {
  const t = drillText(locale);
  let current = -1;
  for (let i = 0; i < events.length; i++) if (events[i]!.at <= at) current = i;
  const currentSeq = current >= 0 ? events[current]!.seq : null;
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!follow || currentSeq === null) return;
    list.current?.querySelector<HTMLElement>(`[data-seq="${currentSeq}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [follow, currentSeq]);
  return (
    <div className="drill-section" data-testid="drill-replay-log-section">
      <h3>
        {t('replay.log')} <small>{t('replay.logEn')}</small> <span className="muted">· {events.length}</span>
      </h3>
      <ol ref={list} className="replay-log" data-testid="drill-replay-log" data-current={currentSeq ?? ''}>
        {events.map((e) => {
          const future = e.at > at;
          return (
            <li key={e.seq} className={`${future ? 'future' : ''}${e.seq === currentSeq ? ' current' : ''}`} data-seq={e.seq}>
              <button type="button" data-testid={`drill-log-${e.seq}`} data-future={String(future)} data-at={e.at} data-kind={e.kind} onClick={() => onSeek(e.at)}>
                <span className="tl-time">
                  {offsetWithSeconds(e.at - t0)} <small>{formatUtc8Time(e.at)}</small>
                </span>
                <span className="replay-kind" style={{ borderColor: kindColour(e.kind) }}>
                  {kindLabel(e.kind, locale)}
                </span>
                <span className="replay-summary">{eventSummary(e, locale)}</span>
                <span className="tl-who">{e.actor}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
