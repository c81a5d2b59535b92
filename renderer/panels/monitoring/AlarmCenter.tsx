import { useEffect, useState } from 'react';
import type { AlarmInfo, Client, MethodOutput } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { severityColour } from '../../layers/floodStations/floodStationsStyle';
import { formatCst, monitoringText, type MonitoringTextKey } from './monitoringText';
import type { AreaAlarmRollup } from './useMonitoring';
import './alarmCenter.css';

export interface AlarmCenterProps {
  client: Client;
  locale: Locale;
  alarms: AlarmInfo[];
  counts: Record<string, number>;
  /** The worst open level per sub-district (the district roll-up), worst first. */
  areas?: AreaAlarmRollup[];
  muted: boolean;
  onMute(muted: boolean): void;
  onLocate(alarm: AlarmInfo): void;
  /** Opens the cross-domain linkage view at the alarm's place. */
  onLinkage?(alarm: AlarmInfo): void;
  /** After an operator action (the list refreshes from the host). */
  onChanged(): void;
}

const severityName: Record<number, { zh: string; en: string }> = {
  4: { zh: '红', en: 'Red' },
  3: { zh: '橙', en: 'Orange' },
  2: { zh: '黄', en: 'Yellow' },
  1: { zh: '蓝', en: 'Blue' },
};

/** Active alarms by severity with counts; acknowledge, snooze with a reason, locate, and each alarm's history. */
export function AlarmCenter(props: AlarmCenterProps) {
  const t = monitoringText(props.locale);
  const [error, setError] = useState<string | null>(null);
  const [snoozing, setSnoozing] = useState<number | null>(null);
  const [logFor, setLogFor] = useState<number | null>(null);
  const run = (p: Promise<unknown>) =>
    p.then(
      () => {
        setError(null);
        props.onChanged();
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  return (
    <section className="panel alarm-center" data-testid="alarm-center" aria-label={t('alarms.title')}>
      <header className="panel-head">
        <h2>{t('alarms.title')}</h2>
        <div className="severity-counts">
          {[4, 3, 2, 1].map((s) => (
            <span key={s} className="sev-chip" style={{ background: severityColour[s] }} data-testid={`alarm-count-${s}`}>
              {severityName[s]![props.locale === 'zh-CN' ? 'zh' : 'en']} {props.counts[String(s)] ?? 0}
            </span>
          ))}
        </div>
        <button type="button" className="small" data-testid="alarm-mute" onClick={() => props.onMute(!props.muted)}>
          {props.muted ? t('alarms.unmute') : t('alarms.mute')}
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {props.alarms.length === 0 && <p className="muted">{t('alarms.none')}</p>}
      {(props.areas?.length ?? 0) > 0 && (
        <div className="alarm-areas" data-testid="alarm-areas" aria-label={t('alarms.byArea')}>
          <span className="muted">{t('alarms.byArea')}</span>
          {props.areas!.map((a) => (
            <span key={a.area ?? ''} className="area-chip" data-testid="alarm-area" style={{ borderColor: severityColour[a.severity] }}>
              <b style={{ color: severityColour[a.severity] }}>{a.level}</b> {a.area ?? t('alarms.areaUnknown')} · {a.stations} {t('alarms.stations')}
            </span>
          ))}
        </div>
      )}
      <ul className="alarm-list">
        {props.alarms.map((a) => (
          <li key={a.id} className={`alarm state-${a.state}`} data-testid={`alarm-${a.id}`} data-station={a.stationId ?? ''} data-level={a.level}>
            <button type="button" className="alarm-main" onClick={() => props.onLocate(a)} title={t('alarms.locate')}>
              <span className="sev-bar" style={{ background: severityColour[a.severity] }} />
              <span className="alarm-level" style={{ color: severityColour[a.severity] }}>
                {a.level}
              </span>
              <span className="alarm-name">{a.stationName ?? a.stationId ?? a.streamId}</span>
              <span className="alarm-kind">{a.ruleKind ? t(`kind.${a.ruleKind}` as MonitoringTextKey) : ''}</span>
              <span className="alarm-value">{a.value === null ? '' : `${a.value.toFixed(2)} ${a.unit ?? ''}`}</span>
              <span className="alarm-time">{formatCst(a.raisedAt, false)}</span>
              <span className="alarm-state">{t(`state.${a.state}` as MonitoringTextKey)}</span>
            </button>
            <div className="alarm-actions">
              {a.state === 'active' && (
                <button type="button" data-testid={`alarm-ack-${a.id}`} onClick={() => void run(props.client.call('alarms.acknowledge', { id: a.id }))}>
                  {t('alarms.ack')}
                </button>
              )}
              {a.state !== 'snoozed' && (
                <button type="button" data-testid={`alarm-snooze-${a.id}`} onClick={() => setSnoozing(snoozing === a.id ? null : a.id)}>
                  {t('alarms.snooze')}
                </button>
              )}
              <button type="button" onClick={() => setLogFor(logFor === a.id ? null : a.id)}>
                {t('alarms.log')}
              </button>
              {props.onLinkage && a.lon !== null && (
                <button type="button" data-testid={`alarm-linkage-${a.id}`} onClick={() => props.onLinkage?.(a)}>
                  {t('alarms.linkage')}
                </button>
              )}
            </div>
            {snoozing === a.id && (
              <SnoozeForm
                locale={props.locale}
                onCancel={() => setSnoozing(null)}
                onSubmit={(minutes, reason) => {
                  setSnoozing(null);
                  void run(props.client.call('alarms.snooze', { id: a.id, minutes, reason }));
                }}
              />
            )}
            {logFor === a.id && <AlarmLog client={props.client} locale={props.locale} alarmId={a.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SnoozeForm({ locale, onCancel, onSubmit }: { locale: Locale; onCancel(): void; onSubmit(minutes: number, reason: string): void }) {
  const t = monitoringText(locale);
  const [minutes, setMinutes] = useState(30);
  const [reason, setReason] = useState('');
  return (
    <form
      className="snooze-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(minutes, reason);
      }}
    >
      <input data-testid="snooze-reason" placeholder={t('alarms.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={2} />
      <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} aria-label={t('alarms.minutes')}>
        {[15, 30, 60, 120, 240].map((m) => (
          <option key={m} value={m}>
            {m} {t('alarms.minutes')}
          </option>
        ))}
      </select>
      <button type="submit" data-testid="snooze-submit">
        {t('alarms.confirmSnooze')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('alarms.cancel')}
      </button>
    </form>
  );
}

function AlarmLog({ client, locale, alarmId }: { client: Client; locale: Locale; alarmId: number }) {
  const t = monitoringText(locale);
  const [entries, setEntries] = useState<MethodOutput<'alarms.log'>['entries'] | null>(null);
  useEffect(() => {
    let live = true;
    client
      .call('alarms.log', { alarmId })
      .then((r) => live && setEntries(r.entries))
      .catch(() => live && setEntries([]));
    return () => {
      live = false;
    };
  }, [client, alarmId]);
  return (
    <ol className="alarm-log" data-testid={`alarm-log-${alarmId}`}>
      {(entries ?? []).map((e) => (
        <li key={e.id}>
          <span>{formatCst(e.at)}</span> <strong>{t(`action.${e.action}` as MonitoringTextKey)}</strong>{' '}
          {e.toLevel && e.toLevel !== e.fromLevel ? `${e.fromLevel ?? '—'} → ${e.toLevel}` : ''} {e.value !== null ? e.value.toFixed(2) : ''} · {t('alarms.by')}{' '}
          {e.actor}
          {e.reason ? ` · ${e.reason}` : ''}
        </li>
      ))}
    </ol>
  );
}
