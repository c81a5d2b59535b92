import { useState } from 'react';
import type { Client, MethodOutput } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { pick } from '../../ui/locale';
import { drainageText } from './drainageText';

type CheckResult = MethodOutput<'drainage.check'>;
export type TopologyFinding = CheckResult['findings'][number];

/** Findings shown at once (the full list goes to the export). */
const SHOWN = 300;
const severityColour = { error: '#ff4d4f', warning: '#ffb020', info: '#74c0fc' } as const;

/** 拓扑检查: run drainage.check, click through the findings (the map focuses and highlights each), export CSV/GeoPackage. */
export function TopologyCheckList({ client, locale, onFinding }: { client: Client; locale: Locale; onFinding(f: TopologyFinding, index: number): void }) {
  const t = drainageText(locale);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState<number | null>(null);
  const [path, setPath] = useState('');
  const [status, setStatus] = useState<string | null>(null);

  const run = (extra: { csvPath?: string; gpkgPath?: string } = {}) => {
    setBusy(true);
    setStatus(null);
    client
      .call('drainage.check', { ...extra, overwrite: Object.keys(extra).length > 0 })
      .then((r) => {
        setResult(r);
        const done = [r.exported.csv, r.exported.gpkg].filter(Boolean);
        if (done.length) setStatus(`${t('check.exported')}: ${done.join(', ')}`);
      })
      .catch((err: unknown) => setStatus(`${t('error.prefix')}: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => setBusy(false));
  };
  const choose = (i: number) => {
    if (!result) return;
    setCurrent(i);
    onFinding(result.findings[i]!, i);
  };

  return (
    <details className="drainage-section" data-testid="topology-check">
      <summary>
        <h3>{t('check.title')}</h3>
        {result && <span className="badge">{`${t('check.count')} ${result.findings.length}`}</span>}
      </summary>
      <div className="drainage-actions">
        <button type="button" data-testid="check-run" disabled={busy} onClick={() => run()}>
          {busy ? t('check.running') : t('check.run')}
        </button>
        {result && result.findings.length > 0 && (
          <>
            <button type="button" className="small" disabled={current === null || current === 0} onClick={() => choose((current ?? 1) - 1)}>
              ◀
            </button>
            <button type="button" className="small" data-testid="check-next" onClick={() => choose(current === null ? 0 : Math.min(result.findings.length - 1, current + 1))}>
              ▶
            </button>
          </>
        )}
      </div>
      {result && result.findings.length === 0 && <p className="muted">{t('check.none')}</p>}
      {result && result.findings.length > 0 && (
        <ol className="finding-list" data-testid="finding-list">
          {result.findings.slice(0, SHOWN).map((f, i) => (
            <li key={i} className={i === current ? 'current' : ''}>
              <button type="button" className="finding" data-testid={`finding-${i}`} onClick={() => choose(i)}>
                <span className="sev" style={{ color: severityColour[f.severity] }}>
                  {t(`severity.${f.severity}`)}
                </span>{' '}
                <b>{f.pipeId ?? f.nodeId}</b> {pick(f.message, locale)}
              </button>
            </li>
          ))}
        </ol>
      )}
      <label className="export-path">
        {t('check.path')}
        <input type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/data/topology" data-testid="check-path" />
      </label>
      <div className="drainage-actions">
        <button type="button" disabled={busy || !path} data-testid="check-export-csv" onClick={() => run({ csvPath: path.endsWith('.csv') ? path : `${path}.csv` })}>
          {t('check.exportCsv')}
        </button>
        <button type="button" disabled={busy || !path} data-testid="check-export-gpkg" onClick={() => run({ gpkgPath: path.endsWith('.gpkg') ? path : `${path}.gpkg` })}>
          {t('check.exportGpkg')}
        </button>
      </div>
      {status && <p className="muted" data-testid="check-status">{status}</p>}
    </details>
  );
}
