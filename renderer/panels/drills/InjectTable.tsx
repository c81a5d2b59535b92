import { Fragment, useCallback, useEffect, useState } from 'react';
import { formatOffset, type Client, type ConsoleInject } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { errorText } from './drillPermissions';
import { drillText, type DrillTextKey } from './drillText';
import { formatDuration, formatUtc8Time } from './drillTime';

/**
 * The console's inject list (drill.injects, with controller notes), re-read on drill.injectsChanged and whenever `key`
 * changes (the drill's state). Only for the controller: `enabled` false reads nothing.
 */
export function useConsoleInjects(client: Client, enabled: boolean, key: string): { injects: ConsoleInject[]; error: string | null; reload(): void } {
  const [injects, setInjects] = useState<ConsoleInject[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [bump, setBump] = useState(0);
  const reload = useCallback(() => setBump((b) => b + 1), []);
  useEffect(() => {
    if (!enabled) {
      setInjects([]);
      return;
    }
    let alive = true;
    client.call('drill.injects', {}).then(
      (r) => {
        if (!alive) return;
        setInjects(r.injects);
        setError(null);
      },
      (err: unknown) => alive && setError(errorText(err)),
    );
    return () => {
      alive = false;
    };
  }, [client, enabled, key, bump]);
  useEffect(() => (enabled ? client.subscribe('drill.injectsChanged', reload) : undefined), [client, enabled, reload]);
  return { injects, error, reload };
}

const byDue = (a: ConsoleInject, b: ConsoleInject) => (a.dueAt ?? Number.MAX_SAFE_INTEGER) - (b.dueAt ?? Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id);

export interface InjectTableProps {
  injects: ConsoleInject[];
  locale: Locale;
  busy: boolean;
  mayAct: boolean;
  mayShift: boolean;
  onAction(injectId: string, action: 'deliver' | 'skip'): void;
  onShift(fromInjectId: string, byMinutes: number): void;
}

/**
 * Upcoming and delivered injects: status, due time (T+ and UTC+8), drift, synopsis and the controller notes — this
 * table is the only place notes are shown. Upcoming rows: 立即注入 deliver now, 跳过 skip, 顺延 shift this one and the
 * rest by N minutes.
 */
export function InjectTable(props: InjectTableProps) {
  const t = drillText(props.locale);
  const upcoming = props.injects.filter((i) => i.status === 'pending' || i.status === 'delivering').sort(byDue);
  const done = props.injects.filter((i) => i.status === 'delivered' || i.status === 'skipped').sort(byDue);
  return (
    <div className="drill-section" data-testid="drill-injects">
      <h4>
        {t('injects.upcoming')} · {upcoming.length}
      </h4>
      <Rows {...props} rows={upcoming} testId="drill-injects-upcoming" />
      <h4>
        {t('injects.delivered')} · {done.length}
      </h4>
      <Rows {...props} rows={done} testId="drill-injects-done" />
      {props.injects.length === 0 && <p className="muted">{t('injects.none')}</p>}
    </div>
  );
}

function Rows({ rows, testId, locale, busy, mayAct, mayShift, onAction, onShift }: InjectTableProps & { rows: ConsoleInject[]; testId: string }) {
  const t = drillText(locale);
  const [shifting, setShifting] = useState<string | null>(null);
  const [minutes, setMinutes] = useState(5);
  if (rows.length === 0) return null;
  return (
    <div className="drill-inject-scroll">
      <table className="grid drill-inject-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('injects.id')}</th>
            <th>{t('injects.due')}</th>
            <th>{t('injects.status')}</th>
            <th>{t('injects.drift')}</th>
            <th>{t('injects.synopsis')}</th>
            <th>{t('injects.notes')}</th>
            {(mayAct || mayShift) && <th>{t('injects.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => {
            const pending = i.status === 'pending';
            return (
              <Fragment key={i.id}>
                <tr className={`inject-row status-${i.status}`} data-testid={`drill-inject-${i.id}`} data-status={i.status} data-kind={i.kind}>
                  <td>
                    <strong>{i.id}</strong>
                    <br />
                    <span className="muted">{t(`kind.${i.kind}` as DrillTextKey)}</span>
                    {i.contingency && <span className="badge">{t('injects.contingency')}</span>}
                    {i.adHoc && <span className="badge">{t('injects.adHoc')}</span>}
                  </td>
                  <td className="num">
                    {i.offsetMs === null ? '—' : formatOffset(i.offsetMs)}
                    <br />
                    <span className="muted">{formatUtc8Time(i.dueAt)}</span>
                  </td>
                  <td>
                    {t(`istatus.${i.status}` as DrillTextKey)}
                    {i.points > 1 && (
                      <span className="muted">
                        {' '}
                        {i.pointsSent}/{i.points}
                      </span>
                    )}
                  </td>
                  <td className="num">{formatDuration(i.driftMs, true)}</td>
                  <td className="wrap">{i.synopsis}</td>
                  <td className="wrap controller-notes" data-testid={`drill-inject-notes-${i.id}`}>
                    {i.controllerNotes ?? ''}
                  </td>
                  {(mayAct || mayShift) && (
                    <td className="inject-actions">
                      {pending && mayAct && (
                        <>
                          <button type="button" className="small" data-testid={`drill-inject-deliver-${i.id}`} disabled={busy} onClick={() => onAction(i.id, 'deliver')}>
                            {t('injects.deliver')}
                          </button>
                          <button type="button" className="small" data-testid={`drill-inject-skip-${i.id}`} disabled={busy} onClick={() => onAction(i.id, 'skip')}>
                            {t('injects.skip')}
                          </button>
                        </>
                      )}
                      {pending && mayShift && (
                        <button type="button" className={`small${shifting === i.id ? ' active' : ''}`} data-testid={`drill-inject-shift-${i.id}`} disabled={busy} onClick={() => setShifting(shifting === i.id ? null : i.id)}>
                          {t('injects.shift')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
                {shifting === i.id && (
                  <tr className="inject-shift-row">
                    <td colSpan={7}>
                      <form
                        className="drill-row"
                        onSubmit={(e) => {
                          e.preventDefault();
                          if (!Number.isInteger(minutes) || minutes === 0) return;
                          setShifting(null);
                          onShift(i.id, minutes);
                        }}
                      >
                        <input type="number" step={1} min={-1440} max={1440} value={minutes} data-testid="drill-shift-minutes" onChange={(e) => setMinutes(Math.trunc(Number(e.target.value)))} />
                        <span className="muted">{t('injects.shiftMinutes')}</span>
                        <button type="submit" className="small primary" data-testid="drill-shift-submit" disabled={busy || minutes === 0}>
                          {t('injects.shiftGo')}
                        </button>
                      </form>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
