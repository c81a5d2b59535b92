import { useCallback, useEffect, useRef, useState } from 'react';
import { departments, incidentStatuses, incidentStatusLabels, incidentTypeLabels, type AlarmInfo, type IncidentStatus, type IncidentSummary } from '../../../preload/contract';
import type { ToolContext } from '../../app/toolContext';
import { severityColour } from '../../layers/floodStations/floodStationsStyle';
import { incidentStatusColour } from '../../layers/incidents/incidentsStyle';
import { pick } from '../../ui/locale';
import { AuditPanel } from './AuditPanel';
import { GuardedButton } from './GuardedButton';
import { IncidentDetail } from './IncidentDetail';
import { IncidentForm } from './IncidentForm';
import { denyReason } from './incidentPermissions';
import './incidents.css';
import { formatAge, incidentsText } from './incidentsText';
import { OpenAlarmsList } from './OpenAlarmsList';
import { pickLocation } from './pickLocation';

type Filter = 'open' | 'all' | IncidentStatus;
type Creating = { mode: 'manual'; picked: [number, number] | null } | { mode: 'alarms' } | { mode: 'alarm'; alarm: AlarmInfo };

const REFRESH_MS = 15_000;

/**
 * 突发事件 command panel: the incident list (filter by state), new incidents by hand or from an alarm, and the detail of
 * one (lifecycle, tasks, notes, plans, timeline); plus the audit log for commander and admin. The list goes to the map
 * as live data of the 'incidents' layer kind.
 */
export function IncidentsTool({ ctx }: { ctx: ToolContext }) {
  const t = incidentsText(ctx.locale);
  const [open, setOpen] = useState(false);
  const [auditOpen, setAuditOpen] = useState(false);
  const [filter, setFilter] = useState<Filter>('open');
  const [incidents, setIncidents] = useState<IncidentSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState<Creating | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;

  const listDenied = denyReason('incidents.list', ctx.user);
  const createDenied = denyReason('incidents.create', ctx.user);
  const auditDenied = denyReason('audit.list', ctx.user);
  const wantAll = filter !== 'open';

  const load = useCallback(() => {
    setNow(Date.now());
    if (listDenied !== null) {
      setIncidents([]);
      return Promise.resolve();
    }
    return ctx.client.call('incidents.list', { open: !wantAll, limit: 500 }).then(
      (r) => {
        setIncidents(r.incidents);
        setError(null);
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [ctx.client, listDenied, wantAll]);

  useEffect(() => {
    if (!open) return;
    void load();
    // Others work the same incidents: the list and the open detail follow them.
    const timer = setInterval(() => {
      void load();
      setVersion((v) => v + 1);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [open, load]);

  useEffect(() => {
    ctxRef.current.setLayerLive('incidents', incidents);
  }, [incidents]);

  const shown = filter === 'open' || filter === 'all' ? incidents : incidents.filter((i) => i.status === filter);
  const changed = () => {
    void load();
  };

  const startManual = () => {
    setCreating({ mode: 'manual', picked: null });
    pickLocation(ctx.client, ctx.pick).then(
      (p) => setCreating((c) => (c?.mode === 'manual' ? { mode: 'manual', picked: p } : c)),
      () => undefined,
    );
  };

  return (
    <>
      <div className="incidents-launcher">
        <button type="button" className={open ? 'active' : ''} data-testid="open-incidents" aria-pressed={open} onClick={() => setOpen(!open)}>
          {t('tool.open')}
        </button>
        <GuardedButton className={auditOpen ? 'active' : ''} data-testid="open-audit" aria-pressed={auditOpen} denied={auditDenied} onClick={() => setAuditOpen(!auditOpen)}>
          {t('audit.open')}
        </GuardedButton>
      </div>
      {auditOpen && auditDenied === null && <AuditPanel client={ctx.client} locale={ctx.locale} user={ctx.user} onClose={() => setAuditOpen(false)} />}
      {open && (
        <section className="panel incidents-panel" data-testid="incidents-panel" aria-label={t('tool.title')}>
          <header className="panel-head">
            <h2>
              {t('tool.title')} <small>{t('tool.titleEn')}</small>
            </h2>
            <button type="button" className="small" onClick={() => void load()} disabled={listDenied !== null}>
              {t('tool.refresh')}
            </button>
            <button type="button" className="small" data-testid="incidents-close" onClick={() => setOpen(false)}>
              {t('tool.close')}
            </button>
          </header>
          {listDenied ? (
            <p className="error" data-testid="incidents-denied">
              {t('tool.signIn')} · {listDenied}
            </p>
          ) : (
            <>
              <div className="incident-actions">
                <label className="inline">
                  {t('filter.label')}
                  <select data-testid="incident-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
                    <option value="open">{t('filter.open')}</option>
                    <option value="all">{t('filter.all')}</option>
                    {incidentStatuses.map((s) => (
                      <option key={s} value={s}>
                        {pick(incidentStatusLabels[s], ctx.locale)}
                      </option>
                    ))}
                  </select>
                </label>
                <GuardedButton className="primary" data-testid="incident-new" denied={createDenied} onClick={startManual}>
                  ＋ {t('create.manual')}
                </GuardedButton>
                <GuardedButton data-testid="incident-from-alarm" denied={createDenied} onClick={() => setCreating(creating?.mode === 'alarms' ? null : { mode: 'alarms' })}>
                  {t('create.fromAlarm')}
                </GuardedButton>
              </div>
              {creating?.mode === 'alarms' && <OpenAlarmsList client={ctx.client} locale={ctx.locale} denied={createDenied} onChoose={(alarm) => setCreating({ mode: 'alarm', alarm })} />}
              {creating && creating.mode !== 'alarms' && (
                <IncidentForm
                  key={creating.mode === 'alarm' ? `alarm-${creating.alarm.id}` : `manual-${creating.picked?.join(',') ?? ''}`}
                  client={ctx.client}
                  locale={ctx.locale}
                  alarm={creating.mode === 'alarm' ? creating.alarm : null}
                  picked={creating.mode === 'manual' ? creating.picked : null}
                  onCancel={() => setCreating(null)}
                  onCreated={(d) => {
                    setCreating(null);
                    setSelected(d.id);
                    setVersion((v) => v + 1);
                    changed();
                  }}
                />
              )}
              {error && (
                <p className="error" role="alert">
                  {error}
                </p>
              )}
              {shown.length === 0 ? (
                <p className="muted">{t('list.none')}</p>
              ) : (
                <div className="incident-list-scroll">
                  <table className="grid incident-list" data-testid="incident-list">
                    <thead>
                      <tr>
                        <th>{t('list.status')}</th>
                        <th>{t('list.type')}</th>
                        <th>{t('list.severity')}</th>
                        <th>{t('list.title')}</th>
                        <th>{t('list.place')}</th>
                        <th>{t('list.department')}</th>
                        <th>{t('list.age')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((i) => (
                        <tr
                          key={i.id}
                          className={`clickable${selected === i.id ? ' current' : ''}`}
                          data-testid={`incident-row-${i.id}`}
                          data-status={i.status}
                          tabIndex={0}
                          onClick={() => setSelected(i.id)}
                          onKeyDown={(e) => e.key === 'Enter' && setSelected(i.id)}
                        >
                          <td>
                            <span className="status-chip" style={{ background: incidentStatusColour[i.status] }}>
                              {pick(incidentStatusLabels[i.status], ctx.locale)}
                            </span>
                          </td>
                          <td>{pick(incidentTypeLabels[i.type], ctx.locale)}</td>
                          <td>
                            <span className="sev-chip" style={{ background: severityColour[i.severity] }}>
                              {i.severity}
                            </span>
                          </td>
                          <td className="incident-title">
                            <code>{i.code}</code> {i.title}
                          </td>
                          <td>{i.address ?? `${i.location[0].toFixed(4)}, ${i.location[1].toFixed(4)}`}</td>
                          <td>{pick(departments.find((d) => d.zh === i.department) ?? { zh: i.department, en: i.department }, ctx.locale)}</td>
                          <td>{formatAge(now - i.createdAt, ctx.locale)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {selected !== null && (
                <IncidentDetail
                  key={selected}
                  client={ctx.client}
                  locale={ctx.locale}
                  user={ctx.user}
                  id={selected}
                  version={version}
                  now={now}
                  onChanged={changed}
                  onClose={() => setSelected(null)}
                  onFocus={(target) => ctx.focus(target)}
                  onLinkage={ctx.openLinkage ? (target) => ctx.openLinkage?.(target) : undefined}
                />
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
