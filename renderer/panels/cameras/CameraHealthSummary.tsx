import { useCallback, useEffect, useState } from 'react';
import type { CameraHealthInfo, Client } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { cameraText } from './cameraText';

const pctColour = (pct: number | null) => (pct === null ? 'var(--text-dim)' : pct >= 90 ? 'var(--ok)' : pct >= 75 ? 'var(--warn)' : 'var(--danger)');

/** cameras.health: online / offline / fault and the online rate per department, with the total first. */
export function CameraHealthSummary({ client, locale }: { client: Client; locale: Locale }) {
  const t = cameraText(locale);
  const [health, setHealth] = useState<CameraHealthInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    return client
      .call('cameras.health', {})
      .then(setHealth)
      .catch((err: unknown) => setError(`cameras.health: ${err instanceof Error ? err.message : String(err)}`));
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);
  const rows = health ? [{ key: '__all', name: t('health.all'), ...health.totals }, ...health.byDepartment.map((d) => ({ key: d.department ?? '__none', name: d.department ?? t('filter.none'), ...d }))] : [];
  return (
    <section className="camera-health" data-testid="camera-health" aria-label={t('health.title')}>
      <h3>
        {t('health.title')}{' '}
        <button type="button" className="small" onClick={() => void load()} data-testid="camera-health-refresh">
          {t('health.refresh')}
        </button>
      </h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {health && (
        <table className="grid camera-health-table">
          <thead>
            <tr>
              <th>{t('health.department')}</th>
              <th>{t('health.total')}</th>
              <th>{t('health.online')}</th>
              <th>{t('health.offline')}</th>
              <th>{t('health.fault')}</th>
              <th>{t('health.pct')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`camera-health-${r.key}`} className={r.key === '__all' ? 'total' : undefined}>
                <td>{r.name}</td>
                <td className="num">{r.total}</td>
                <td className="num">{r.online}</td>
                <td className="num">{r.offline}</td>
                <td className="num" style={{ color: r.fault > 0 ? 'var(--danger)' : undefined }}>
                  {r.fault}
                </td>
                <td className="num pct" style={{ color: pctColour(r.onlinePct) }}>
                  {r.onlinePct === null ? '—' : `${r.onlinePct.toFixed(1)}%`}
                  <span className="pct-bar" style={{ width: `${r.onlinePct ?? 0}%`, background: pctColour(r.onlinePct) }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
