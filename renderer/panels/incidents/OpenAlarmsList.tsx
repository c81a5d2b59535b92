import { useEffect, useState } from 'react';
import type { AlarmInfo, Client } from '../../../preload/contract';
import { severityColour } from '../../layers/floodStations/floodStationsStyle';
import type { Locale } from '../../ui/locale';
import { GuardedButton } from './GuardedButton';
import { formatUtc8, incidentsText } from './incidentsText';

/** 由告警创建: the alarms still open (not cleared), each with a button that opens the incident form from it. */
export function OpenAlarmsList({ client, locale, denied, onChoose }: { client: Client; locale: Locale; denied: string | null; onChoose(alarm: AlarmInfo): void }) {
  const t = incidentsText(locale);
  const [alarms, setAlarms] = useState<AlarmInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.call('alarms.list', { open: true }).then(
      (r) => live && setAlarms(r.alarms.filter((a) => a.state !== 'cleared')),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [client]);
  if (error) return <p className="error">{error}</p>;
  if (!alarms) return <p className="muted">{t('common.loading')}</p>;
  if (alarms.length === 0) return <p className="muted">{t('create.noAlarms')}</p>;
  return (
    <ul className="incident-alarms" data-testid="incident-alarms">
      {alarms.map((a) => (
        <li key={a.id}>
          <span className="sev-chip" style={{ background: severityColour[a.severity] }}>
            {a.level}
          </span>
          <span className="alarm-name">{a.stationName ?? a.stationId ?? a.streamId}</span>
          <span className="muted">{formatUtc8(a.raisedAt)}</span>
          <GuardedButton className="small" data-testid={`incident-from-alarm-${a.id}`} denied={denied} onClick={() => onChoose(a)}>
            {t('create.fromAlarm')}
          </GuardedButton>
        </li>
      ))}
    </ul>
  );
}
