import { useEffect, useState } from 'react';
import type { Client, DrillState, MethodInput, MethodOutput, ScenarioFormat, UserInfo } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { can, errorText } from './drillPermissions';
import { drillText } from './drillText';
import { formatDuration } from './drillTime';

export const START_SPEEDS = [1, 5, 10, 30, 60] as const;

type Source = MethodInput<'drill.validate'>;
type Validation = MethodOutput<'drill.validate'>;

/** The scenario format from a file name, else from the text (a JSON object, a CSV header, otherwise YAML). */
export function guessFormat(text: string, fileName?: string): ScenarioFormat {
  const ext = /\.([a-z]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'csv') return 'csv';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  const s = text.trimStart();
  if (s.startsWith('{') || s.startsWith('[')) return 'json';
  const first = s.split(/\r?\n/, 1)[0] ?? '';
  return first.includes(',') && !first.includes(':') ? 'csv' : 'yaml';
}

/**
 * No drill running: pick a demo scenario (演示) or paste / load a scenario file (YAML, JSON, CSV MSEL), validate it —
 * every error with its inject id and field in a table — choose the speed and start (the commander, 导调).
 */
export function ScenarioPicker({ client, locale, user, onStarted }: { client: Client; locale: Locale; user: UserInfo | null; onStarted(state: DrillState): void }) {
  const t = drillText(locale);
  const mayValidate = can('drill.validate', user);
  const mayStart = can('drill.start', user);
  const [demos, setDemos] = useState<MethodOutput<'drill.scenarios'>['scenarios']>([]);
  const [mode, setMode] = useState<'demo' | 'text'>('demo');
  const [demoId, setDemoId] = useState('');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [format, setFormat] = useState<ScenarioFormat>('yaml');
  const [speed, setSpeed] = useState<number>(60);
  const [validation, setValidation] = useState<Validation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    client.call('drill.scenarios', {}).then(
      (r) => {
        if (!alive) return;
        setDemos(r.scenarios);
        setDemoId((id) => id || (r.scenarios[0]?.id ?? ''));
      },
      (err: unknown) => alive && setError(errorText(err)),
    );
    return () => {
      alive = false;
    };
  }, [client]);

  const source = (): Source | null => (mode === 'demo' ? (demoId ? { source: 'demo', id: demoId } : null) : text.trim() ? { source: 'text', text, format, ...(fileName ? { fileName } : {}) } : null);
  const validate = async (): Promise<boolean> => {
    const s = source();
    if (!s) return false;
    const v = await client.call('drill.validate', s);
    setValidation(v);
    return v.ok;
  };
  const run = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    work()
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setBusy(false));
  };
  const start = () =>
    run(async () => {
      const s = source();
      if (!s) return;
      if (mayValidate && !(await validate())) return;
      onStarted(await client.call('drill.start', { scenario: s, speed }));
    });
  const edited = () => setValidation(null);
  if (!mayValidate && !mayStart) return null;

  return (
    <div className="drill-section" data-testid="drill-scenario">
      <h3>
        {t('scenario.title')} <small>{t('scenario.titleEn')}</small>
      </h3>
      <div className="drill-row" role="radiogroup">
        <label className="inline">
          <input type="radio" name="drill-source" checked={mode === 'demo'} data-testid="drill-source-demo" onChange={() => (setMode('demo'), edited())} /> {t('scenario.sourceDemo')}
        </label>
        <label className="inline">
          <input type="radio" name="drill-source" checked={mode === 'text'} data-testid="drill-source-text" onChange={() => (setMode('text'), edited())} /> {t('scenario.sourceText')}
        </label>
      </div>
      {mode === 'demo' ? (
        demos.length === 0 ? (
          <p className="muted">{t('scenario.noDemo')}</p>
        ) : (
          <ul className="drill-demos" data-testid="drill-scenarios">
            {demos.map((d) => (
              <li key={d.id}>
                <label className="inline">
                  <input type="radio" name="drill-demo" value={d.id} checked={demoId === d.id} data-testid={`drill-scenario-${d.id}`} onChange={() => (setDemoId(d.id), edited())} />
                  <span className="drill-demo-name">{d.name}</span>
                  {d.demo && <span className="badge demo">{t('banner.demo')}</span>}
                  <span className="muted">
                    {d.injects} {t('scenario.injects')}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )
      ) : (
        <div className="drill-text-source">
          <label>
            {t('scenario.text')}
            <textarea
              rows={8}
              spellCheck={false}
              data-testid="drill-scenario-text"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setFormat(guessFormat(e.target.value, fileName));
                edited();
              }}
            />
          </label>
          <div className="drill-row">
            <label className="inline">
              {t('scenario.file')}
              <input
                type="file"
                accept=".yaml,.yml,.json,.csv,text/plain,application/json,text/csv"
                data-testid="drill-scenario-file"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (!file) return;
                  void file.text().then((content) => {
                    setText(content);
                    setFileName(file.name);
                    setFormat(guessFormat(content, file.name));
                    edited();
                  });
                }}
              />
            </label>
            <label className="inline">
              {t('scenario.format')}
              <select value={format} data-testid="drill-scenario-format" onChange={(e) => (setFormat(e.target.value as ScenarioFormat), edited())}>
                <option value="yaml">YAML</option>
                <option value="json">JSON</option>
                <option value="csv">CSV (MSEL)</option>
              </select>
            </label>
          </div>
        </div>
      )}
      <div className="drill-row">
        {mayValidate && (
          <button type="button" data-testid="drill-validate" disabled={busy || !source()} onClick={() => run(validate)}>
            {t('scenario.validate')}
          </button>
        )}
        {mayStart && (
          <>
            <span className="muted">{t('start.speed')}</span>
            <div className="drill-speeds" role="group" aria-label={t('start.speed')}>
              {START_SPEEDS.map((s) => (
                <button key={s} type="button" className={speed === s ? 'active' : ''} aria-pressed={speed === s} data-testid={`drill-start-speed-${s}`} onClick={() => setSpeed(s)}>
                  ×{s}
                </button>
              ))}
            </div>
            <button type="button" className="primary drill-start" data-testid="drill-start" disabled={busy || !source() || validation?.ok === false} onClick={start}>
              {t('start.go')}
            </button>
          </>
        )}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="drill-scenario-error">
          {t('common.error')} · {error}
        </p>
      )}
      {validation && <ValidationResult validation={validation} locale={locale} />}
    </div>
  );
}

function ValidationResult({ validation, locale }: { validation: Validation; locale: Locale }) {
  const t = drillText(locale);
  const s = validation.summary;
  return (
    <div className="drill-validation" data-testid="drill-validation" data-ok={String(validation.ok)} data-errors={validation.errors.length}>
      {validation.ok ? (
        <p className="drill-valid">
          ✓ {t('scenario.valid')}
          {s && (
            <span data-testid="drill-validation-summary">
              {' '}
              · {s.name} · {s.injects} {t('scenario.injects')} · {s.points} {t('scenario.points')} · {s.stations} {t('scenario.stations')} · {t('scenario.duration')} {formatDuration(s.durationMs)}
            </span>
          )}
        </p>
      ) : (
        <p className="error">✗ {t('scenario.invalid')}</p>
      )}
      {validation.errors.length > 0 && (
        <div className="rows-scroll">
          <table className="grid drill-errors" data-testid="drill-validation-errors">
            <thead>
              <tr>
                <th>{t('err.inject')}</th>
                <th>{t('err.field')}</th>
                <th>{t('err.line')}</th>
                <th>{t('err.message')}</th>
              </tr>
            </thead>
            <tbody>
              {validation.errors.map((e, i) => (
                <tr key={i} data-testid="drill-validation-error" data-inject={e.injectId ?? ''} data-field={e.field}>
                  <td>{e.injectId ?? '—'}</td>
                  <td>
                    <code>{e.field}</code>
                  </td>
                  <td>{e.line ?? ''}</td>
                  <td className="wrap">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
