import { useEffect, useState } from 'react';
import type { Client, DrillRunSummary } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { errorText } from './drillPermissions';
import { drillText, statusKey } from './drillText';
import { formatUtc8Seconds } from './drillTime';

/** The recorded drills (drill.list), newest first, each with 复盘 (replay) once it is over. */
export function DrillRunList({ client, locale, refreshKey, onReplay }: { client: Client; locale: Locale; refreshKey: string; onReplay(runId: string): void }) {
  const t = drillText(locale);
  const [runs, setRuns] = useState<DrillRunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    client.call('drill.list', {}).then(
      (r) => {
        if (!alive) return;
        setRuns([...r.runs].sort((a, b) => b.startedAt - a.startedAt));
        setError(null);
      },
      (err: unknown) => alive && setError(errorText(err)),
    );
    return () => {
      alive = false;
    };
  }, [client, refreshKey]);
  return (
    <div className="drill-section" data-testid="drill-runs">
      <h3>
        {t('runs.title')} <small>{t('runs.titleEn')}</small>
      </h3>
      {error && <p className="error">{error}</p>}
      {runs && runs.length === 0 && <p className="muted">{t('runs.none')}</p>}
      {runs && runs.length > 0 && (
        <div className="rows-scroll">
          <table className="grid">
            <thead>
              <tr>
                <th>{t('runs.name')}</th>
                <th>{t('runs.status')}</th>
                <th>{t('runs.started')}</th>
                <th>{t('runs.events')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => {
                // A finished drill, or the live record (what happened so far, e.g. last night).
                const over = r.runId === 'live' || (r.status !== 'running' && r.status !== 'paused');
                return (
                  <tr key={r.runId} data-testid={`drill-run-${r.runId}`} data-status={r.status}>
                    <td className="wrap">
                      {r.name} {r.demo && <span className="badge demo">{t('banner.demo')}</span>}
                      <br />
                      <code>{r.runId}</code>
                    </td>
                    <td>{t(statusKey(r.status))}</td>
                    <td>{formatUtc8Seconds(r.startedAt)}</td>
                    <td>{r.events}</td>
                    <td>
                      <button type="button" className="small" data-testid={`drill-replay-${r.runId}`} disabled={!over} onClick={() => onReplay(r.runId)}>
                        {t('runs.replay')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
