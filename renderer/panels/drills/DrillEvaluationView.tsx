import { useEffect, useState } from 'react';
import type { Client, DrillEvaluation, UserInfo } from '../../../preload/contract';
import { pick, type Locale } from '../../ui/locale';
import { can, errorText } from './drillPermissions';
import { drillText } from './drillText';
import { formatDuration, offsetWithSeconds } from './drillTime';

/** The report path for a format: the typed path with its extension following the format. */
export function reportPath(path: string, format: 'pdf' | 'html'): string {
  return /\.(pdf|html?)$/i.test(path) ? path.replace(/\.(pdf|html?)$/i, `.${format}`) : path;
}

/**
 * 评估摘要: the timings table (each row's replay moment a jump button), missed expected actions, the control figures,
 * objectives and evaluator observations; 导出PDF / 导出HTML (drill.exportReport to a path on the host).
 */
export function DrillEvaluationView({ client, runId, locale, user, t0, onSeek }: { client: Client; runId: string; locale: Locale; user: UserInfo | null; t0: number; onSeek(at: number): void }) {
  const t = drillText(locale);
  const [evaluation, setEvaluation] = useState<DrillEvaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState(`/tmp/${runId}-report.pdf`);
  const [overwrite, setOverwrite] = useState(false);
  const [exported, setExported] = useState<{ path: string; bytes: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let alive = true;
    client.call('drill.evaluation', { runId }).then(
      (e) => alive && setEvaluation(e),
      (err: unknown) => alive && setError(errorText(err)),
    );
    return () => {
      alive = false;
    };
  }, [client, runId]);
  const exportAs = (format: 'pdf' | 'html') => {
    const target = reportPath(path.trim(), format);
    setPath(target);
    setBusy(true);
    setExportError(null);
    setExported(null);
    client
      .call('drill.exportReport', { runId, format, path: target, overwrite })
      .then(setExported, (err: unknown) => setExportError(errorText(err)))
      .finally(() => setBusy(false));
  };
  const c = evaluation?.control;

  return (
    <div className="drill-section drill-evaluation" data-testid="drill-evaluation" data-status={evaluation?.status ?? ''}>
      <h3>
        {t('eval.title')} <small>{t('eval.titleEn')}</small>
      </h3>
      {error && <p className="error">{error}</p>}
      {!evaluation && !error && <p className="muted">{t('replay.loading')}</p>}
      {evaluation && (
        <>
          <table className="grid drill-metrics" data-testid="drill-metrics">
            <thead>
              <tr>
                <th>{t('eval.metric')}</th>
                <th>{t('eval.value')}</th>
                <th>{t('eval.limit')}</th>
                <th>{t('eval.met')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {evaluation.metrics.map((m) => {
                const moment = m.endAt ?? m.startAt;
                return (
                  <tr key={m.id} data-testid={`drill-metric-${m.id}`} data-met={m.met === null ? '' : String(m.met)} data-value={m.valueMs ?? ''} className={m.met === false ? 'unmet' : m.met ? 'met' : ''}>
                    <td className="wrap">
                      {pick(m.label, locale)}
                      {m.injectId && <span className="muted"> · {m.injectId}</span>}
                      {m.detail && <div className="muted small-note">{m.detail}</div>}
                    </td>
                    <td className="num">{formatDuration(m.valueMs)}</td>
                    <td className="num">{formatDuration(m.limitMs)}</td>
                    <td className="drill-met">{m.met === null ? '—' : m.met ? '✓' : '✗'}</td>
                    <td>
                      <button type="button" className="small" data-testid={`drill-metric-jump-${m.id}`} data-at={moment ?? ''} disabled={moment === null} onClick={() => moment !== null && onSeek(moment)}>
                        {moment === null ? t('eval.jump') : `${t('eval.jump')} ${offsetWithSeconds(moment - t0)}`}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {evaluation.missed.length > 0 && (
            <>
              <h4>{t('eval.missed')}</h4>
              <ul className="drill-missed" data-testid="drill-missed">
                {evaluation.missed.map((m, i) => (
                  <li key={i}>
                    <strong>{m.injectId}</strong> · {m.action} · {m.detail}
                  </li>
                ))}
              </ul>
            </>
          )}
          {c && (
            <p className="drill-control-figures" data-testid="drill-control-figures">
              {t('eval.control')}: {c.injectsDelivered} {t('eval.delivered')} · {c.injectsSkipped} {t('eval.skipped')} · {c.adHocInjects} {t('eval.adHoc')} · {t('eval.maxDrift')} {formatDuration(c.maxDriftMs, true)} · {t('eval.meanDrift')}{' '}
              {formatDuration(Math.round(c.meanDriftMs), true)} · {t('eval.pause')} {formatDuration(c.totalPauseMs)} · {t('eval.exerciseDuration')} {formatDuration(c.exerciseDurationMs)} · {t('eval.wallDuration')} {formatDuration(c.wallDurationMs)}
            </p>
          )}
          {evaluation.objectives.length > 0 && (
            <>
              <h4>{t('eval.objectives')}</h4>
              <ul className="drill-objectives">
                {evaluation.objectives.map((o) => (
                  <li key={o.id} data-testid={`drill-objective-${o.id}`}>
                    {o.rating && <strong className={`rating rating-${o.rating}`}>{o.rating}</strong>} {o.text}{' '}
                    <span className="muted">
                      {o.metricsMet}/{o.metricsTotal}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {evaluation.observations.length > 0 && (
            <>
              <h4>{t('eval.observations')}</h4>
              <ul className="drill-observations">
                {evaluation.observations.map((o) => (
                  <li key={o.seq}>
                    <button type="button" className="small" data-testid={`drill-observation-jump-${o.seq}`} onClick={() => onSeek(o.at)}>
                      {offsetWithSeconds(o.at - t0)}
                    </button>{' '}
                    {o.rating && <strong className={`rating rating-${o.rating}`}>{o.rating}</strong>} {o.text} <span className="muted">· {o.evaluator}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {can('drill.exportReport', user) && (
        <div className="drill-export" data-testid="drill-export">
          <label>
            {t('export.path')}
            <input data-testid="drill-export-path" value={path} spellCheck={false} onChange={(e) => setPath(e.target.value)} />
          </label>
          <div className="drill-row">
            <label className="inline">
              <input type="checkbox" data-testid="drill-export-overwrite" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> {t('export.overwrite')}
            </label>
            <button type="button" className="primary" data-testid="drill-export-pdf" disabled={busy || !path.trim()} onClick={() => exportAs('pdf')}>
              {t('export.pdf')}
            </button>
            <button type="button" data-testid="drill-export-html" disabled={busy || !path.trim()} onClick={() => exportAs('html')}>
              {t('export.html')}
            </button>
          </div>
          {exported && (
            <p className="drill-ok" data-testid="drill-export-result" data-path={exported.path}>
              ✓ {t('export.done')} {exported.path} ({Math.round(exported.bytes / 1024)} KB)
            </p>
          )}
          {exportError && (
            <p className="error" role="alert" data-testid="drill-export-error">
              {exportError}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
