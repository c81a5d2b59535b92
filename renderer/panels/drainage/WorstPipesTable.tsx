import { useState } from 'react';
import type { Client, MethodOutput } from '../../../preload/contract';
import { gradeColour } from '../../layers/drainagePipes/drainagePipesStyle';
import type { Locale } from '../../ui/locale';
import { drainageText } from './drainageText';

type Worst = MethodOutput<'drainage.worstPipes'>['pipes'];

/** The pipes in the worst condition by RI or MI (drainage.worstPipes); a row selects the pipe. */
export function WorstPipesTable({ client, locale, onSelect }: { client: Client; locale: Locale; onSelect(pipeId: string): void }) {
  const t = drainageText(locale);
  const [by, setBy] = useState<'RI' | 'MI'>('RI');
  const [rows, setRows] = useState<Worst | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (b: 'RI' | 'MI') => {
    setBy(b);
    client
      .call('drainage.worstPipes', { limit: 20, by: b })
      .then((r) => {
        setRows(r.pipes);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };
  const chip = (g: string) => (
    <span className="grade-chip" style={{ background: gradeColour[g as 'I'] }}>
      {g}
    </span>
  );
  return (
    <details className="drainage-section" data-testid="worst-pipes" onToggle={(e) => (e.currentTarget.open && !rows ? load(by) : undefined)}>
      <summary>
        <h3>{t('worst.title')}</h3>
      </summary>
      <div className="drainage-actions">
        <label>
          {t('worst.by')}{' '}
          <select value={by} onChange={(e) => load(e.target.value as 'RI' | 'MI')} data-testid="worst-by">
            <option value="RI">RI</option>
            <option value="MI">MI</option>
          </select>
        </label>
        <button type="button" className="small" onClick={() => load(by)}>
          {t('worst.load')}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {rows && rows.length === 0 && <p className="muted">{t('worst.none')}</p>}
      {rows && rows.length > 0 && (
        <table className="grid drainage-table" data-testid="worst-table">
          <thead>
            <tr>
              <th>{t('worst.pipe')}</th>
              <th>{t('worst.defects')}</th>
              <th>F</th>
              <th>RI</th>
              <th>G</th>
              <th>MI</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.pipeId} className="clickable" onClick={() => onSelect(r.pipeId)} data-testid={`worst-${r.pipeId}`}>
                <td>{r.pipeId}</td>
                <td>{r.defectCount}</td>
                <td>{r.F.toFixed(2)}</td>
                <td>
                  {r.RI.toFixed(2)} {chip(r.repairGrade)}
                </td>
                <td>{r.G.toFixed(2)}</td>
                <td>
                  {r.MI.toFixed(2)} {chip(r.maintenanceGrade)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
