import { useEffect, useState } from 'react';
import type { Client, MethodOutput, TopicPayload } from '../../preload/contract';
import { useI18n } from '../app/i18n';
import { pick } from '../ui/locale';

type Preview = MethodOutput<'import.preview'>;
type Progress = TopicPayload<'import.progressed'>;
type Plan = Preview['suggested'];

/**
 * Import: pick a file on the host, see what was detected (format, CRS, encoding, count), the target layer
 * and the field mapping (editable), the first rows and the update-by-id rule; then import with a progress
 * bar and a cancel that rolls everything back.
 */
export function ImportDialog({ client, onClose }: { client: Client; onClose(): void }) {
  const { t, locale } = useI18n();
  const [path, setPath] = useState('');
  const [crs, setCrs] = useState('');
  const [table, setTable] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => client.subscribe('import.progressed', (p) => setProgress((cur) => (p.jobId === (cur?.jobId ?? p.jobId) ? p : cur))), [client]);

  const readOpts = () => ({ ...(crs ? { crs } : {}), ...(table ? { table } : {}) });

  const runPreview = async () => {
    setBusy(true);
    setError(null);
    setPreview(null);
    setProgress(null);
    try {
      const p = await client.call('import.preview', { path: path.trim(), ...readOpts() });
      setPreview(p);
      setPlan(p.suggested);
    } catch (err) {
      setError(err instanceof Error ? err.message.replace(/^[A-Z_]+: /, '') : String(err));
    } finally {
      setBusy(false);
    }
  };

  const runImport = async () => {
    if (!plan) return;
    setError(null);
    setProgress(null);
    try {
      const { jobId: id } = await client.call('import.start', { path: path.trim(), plan: { layerId: plan.layerId, mapping: plan.mapping, idField: plan.idField, nameField: plan.nameField }, ...readOpts() });
      setJobId(id);
    } catch (err) {
      setError(err instanceof Error ? err.message.replace(/^[A-Z_]+: /, '') : String(err));
    }
  };

  const target = preview?.targets.find((x) => x.id === plan?.layerId) ?? null;
  const running = progress && jobId && progress.jobId === jobId && (progress.phase === 'reading' || progress.phase === 'writing');
  const fields = preview?.fields.map((f) => f.name) ?? [];
  const fieldSelect = (value: string | null, onChange: (v: string | null) => void, testId: string) => (
    <select data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">{t('import.none')}</option>
      {fields.map((f) => (
        <option key={f} value={f}>
          {f}
        </option>
      ))}
    </select>
  );

  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" aria-label={t('import.title')}>
      <div className="modal" data-testid="import-dialog">
        <header className="modal-head">
          <h2>{t('import.title')}</h2>
          <button type="button" onClick={onClose} disabled={!!running}>
            {t('import.close')}
          </button>
        </header>
        <div className="form-row">
          <label>
            {t('import.path')}
            <input data-testid="import-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/data/管网/雨水管线.shp" spellCheck={false} />
          </label>
          <label className="narrow">
            {t('import.crs')}
            <input data-testid="import-crs" value={crs} onChange={(e) => setCrs(e.target.value)} placeholder="EPSG:4546" spellCheck={false} />
          </label>
          <label className="narrow">
            {t('import.table')}
            <input value={table} onChange={(e) => setTable(e.target.value)} spellCheck={false} />
          </label>
          <button type="button" data-testid="import-preview" onClick={runPreview} disabled={!path.trim() || busy}>
            {t('import.preview')}
          </button>
        </div>
        {error && (
          <p className="error" data-testid="import-error" role="alert">
            {error}
          </p>
        )}
        {preview && plan && (
          <>
            <h3>{t('import.detected')}</h3>
            <dl className="facts" data-testid="import-facts">
              <dt>{t('import.format')}</dt>
              <dd>{preview.format}</dd>
              <dt>{t('import.count')}</dt>
              <dd data-testid="import-count">{preview.count}</dd>
              <dt>{t('import.geometry')}</dt>
              <dd>{preview.geometryType ?? '—'}</dd>
              <dt>CRS</dt>
              <dd data-testid="import-crs-detected">{preview.crs ? `${preview.crs.code} ${preview.crs.label}` : '—'}</dd>
              <dt>{t('import.encoding')}</dt>
              <dd>{preview.encoding ?? '—'}</dd>
            </dl>
            <p className="rule">{pick(preview.rule, locale)}</p>
            {preview.warnings.length > 0 && (
              <ul className="warnings" aria-label={t('import.warnings')}>
                {preview.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
            {preview.kind === 'features' && (
              <>
                <div className="form-row">
                  <label>
                    {t('import.target')}
                    <select data-testid="import-target" value={plan.layerId} onChange={(e) => setPlan({ ...plan, layerId: e.target.value, mapping: e.target.value === preview.suggested.layerId ? preview.suggested.mapping : {} })}>
                      {preview.targets.map((x) => (
                        <option key={x.id} value={x.id}>
                          {pick(x.title, locale)}
                        </option>
                      ))}
                      <option value={preview.suggested.layerId.startsWith('new:') ? preview.suggested.layerId : `new:${preview.layerName}`}>
                        {t('import.newLayer')}: {preview.layerName}
                      </option>
                    </select>
                  </label>
                  <label>
                    {t('import.idField')}
                    {fieldSelect(plan.idField, (v) => setPlan({ ...plan, idField: v }), 'import-id-field')}
                  </label>
                  <label>
                    {t('import.nameField')}
                    {fieldSelect(plan.nameField, (v) => setPlan({ ...plan, nameField: v }), 'import-name-field')}
                  </label>
                </div>
                {target && target.columns.length > 0 && (
                  <>
                    <h3>{t('import.mapping')}</h3>
                    <table className="grid" data-testid="import-mapping">
                      <thead>
                        <tr>
                          <th>{t('import.column')}</th>
                          <th>{t('import.sourceField')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {target.columns.map((c) => (
                          <tr key={c.name} data-column={c.name}>
                            <td>
                              {locale === 'zh-CN' ? c.zh : c.en}
                              {c.unit ? ` (${c.unit})` : ''} <code>{c.name}</code>
                            </td>
                            <td>{fieldSelect(plan.mapping[c.name] ?? null, (v) => setPlan({ ...plan, mapping: { ...plan.mapping, [c.name]: v } }), `map-${c.name}`)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </>
                )}
              </>
            )}
            <h3>{t('import.rows')}</h3>
            <div className="rows-scroll">
              <table className="grid" data-testid="import-rows">
                <thead>
                  <tr>
                    {fields.map((f) => (
                      <th key={f}>{f}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r, i) => (
                    <tr key={i}>
                      {fields.map((f) => (
                        <td key={f}>{r[f] === null || r[f] === undefined ? '' : String(r[f])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="form-row">
              <button type="button" className="primary" data-testid="import-run" onClick={runImport} disabled={!!running}>
                {t('import.run')}
              </button>
              {running && (
                <button type="button" data-testid="import-cancel" onClick={() => jobId && client.call('import.cancel', { jobId })}>
                  {t('import.cancel')}
                </button>
              )}
            </div>
          </>
        )}
        {progress && jobId === progress.jobId && (
          <div className="progress" data-testid="import-progress" data-phase={progress.phase}>
            <progress max={progress.total || 1} value={progress.phase === 'done' ? progress.total || 1 : progress.done} aria-label={t('import.progress')} />
            <span>
              {progress.phase === 'done'
                ? `${t('import.done')}: ${t('import.result').replace('{inserted}', String(progress.result?.inserted ?? 0)).replace('{updated}', String(progress.result?.updated ?? 0))}`
                : progress.phase === 'failed'
                  ? `${t('import.failed')}: ${progress.message ?? ''}`
                  : progress.phase === 'cancelled'
                    ? t('import.cancelled')
                    : `${progress.done} / ${progress.total}`}
            </span>
          </div>
        )}
      </div>
    </div>
  );
}
