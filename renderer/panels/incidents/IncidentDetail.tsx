import { useCallback, useEffect, useState } from 'react';
import { departments, incidentStatusLabels, incidentTypeLabels, roleLabels, severityLabels, type Client, type IncidentDetail as Detail, type Role, type UserInfo } from '../../../preload/contract';
import type { FocusTarget } from '../../app/toolContext';
import { incidentStatusColour } from '../../layers/incidents/incidentsStyle';
import { pick, type Locale } from '../../ui/locale';
import { GuardedButton } from './GuardedButton';
import { IncidentTasks } from './IncidentTasks';
import { denyReason } from './incidentPermissions';
import { formatUtc8, incidentsText, type IncidentsTextKey } from './incidentsText';
import { PlansSection } from './PlansSection';
import { TransitionBar } from './TransitionBar';

export interface IncidentDetailProps {
  client: Client;
  locale: Locale;
  user: UserInfo | null;
  id: number;
  /** Bumped by the tool to reload (e.g. the list refreshed). */
  version: number;
  now: number;
  onChanged(): void;
  onClose(): void;
  onFocus(target: FocusTarget): void;
  /** Opens the cross-domain linkage view (cameras, drainage trace, stations, facilities) at the incident's place. */
  onLinkage?(target: { lon: number; lat: number; title: string }): void;
}

const departmentLabel = (zh: string, locale: Locale) => {
  const d = departments.find((x) => x.zh === zh);
  return d ? pick(d, locale) : zh;
};
const roleLabel = (role: string, locale: Locale) => (role in roleLabels ? pick(roleLabels[role as Role], locale) : role);

/** One incident: facts, the lifecycle, tasks, notes, plans and the timeline of everything (who, when in UTC+8). */
export function IncidentDetail({ client, locale, user, id, version, now, onChanged, onClose, onFocus, onLinkage }: IncidentDetailProps) {
  const t = incidentsText(locale);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');

  const reload = useCallback(
    () =>
      client.call('incidents.get', { id }).then(
        (d) => setDetail(d),
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      ),
    [client, id],
  );
  useEffect(() => {
    void reload();
  }, [reload, version, user]);

  /** A change: the answer (an incident) replaces the detail, any other answer reloads it; a refusal is shown and nothing moves. */
  const run = async (call: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    try {
      const r = await call();
      if (r && typeof r === 'object' && 'timeline' in r && (r as Detail).id === id) setDetail(r as Detail);
      else await reload();
      setError(null);
      onChanged();
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (!detail)
    return (
      <section className="incident-detail" data-testid="incident-detail">
        {error ? <p className="error">{error}</p> : <p className="muted">{t('common.loading')}</p>}
      </section>
    );
  const d = detail;
  const closed = d.status === 'closed';
  const noteDenied = denyReason('incidents.addNote', user);
  const r = d.reporter;
  return (
    <section className="incident-detail" data-testid="incident-detail" data-status={d.status} data-incident-id={d.id}>
      <header className="incident-detail-head">
        <span className="status-chip" style={{ background: incidentStatusColour[d.status] }} data-testid="incident-status">
          {pick(incidentStatusLabels[d.status], locale)}
        </span>
        <h3>
          {d.code} {d.title}
        </h3>
        <button type="button" className="small" data-testid="incident-locate" onClick={() => onFocus({ lon: d.location[0], lat: d.location[1], height: 1500, layerKind: 'incidents', featureId: String(d.id) })}>
          ⌖ {t('detail.locate')}
        </button>
        {onLinkage && (
          <button type="button" className="small" data-testid="incident-linkage" onClick={() => onLinkage({ lon: d.location[0], lat: d.location[1], title: `${d.code} ${d.title}` })}>
            {locale === 'zh-CN' ? '联动分析' : 'Linkage'}
          </button>
        )}
        <button type="button" className="small" data-testid="incident-detail-close" onClick={onClose}>
          {t('detail.close')}
        </button>
      </header>
      <dl className="incident-facts">
        <dt>{t('list.type')}</dt>
        <dd>{pick(incidentTypeLabels[d.type], locale)}</dd>
        <dt>{t('list.severity')}</dt>
        <dd>
          {d.severity} {pick(severityLabels[d.severity as 1 | 2 | 3 | 4], locale)}
        </dd>
        <dt>{t('list.department')}</dt>
        <dd>{departmentLabel(d.department, locale)}</dd>
        <dt>{t('list.place')}</dt>
        <dd>
          {d.address ? `${d.address} · ` : ''}
          {d.location[0].toFixed(5)}, {d.location[1].toFixed(5)}
        </dd>
        <dt>{t('detail.origin')}</dt>
        <dd>
          {t(`origin.${d.origin}` as IncidentsTextKey)}
          {d.alarmId !== null && ` · ${t('detail.alarm')} #${d.alarmId}`}
        </dd>
        <dt>{t('detail.createdBy')}</dt>
        <dd>
          {d.createdBy} · {formatUtc8(d.createdAt)}
        </dd>
        {d.description && (
          <>
            <dt>{t('detail.description')}</dt>
            <dd>{d.description}</dd>
          </>
        )}
        {(r.name || r.phone || r.idNumber) && (
          <>
            <dt>{t('detail.reporter')}</dt>
            <dd data-testid="incident-reporter">
              {[r.name, r.phone, r.idNumber].filter(Boolean).join(' · ')}
              {!r.unmasked && <span className="badge">{t('detail.masked')}</span>}
            </dd>
          </>
        )}
      </dl>
      {error && (
        <p className="error" role="alert" data-testid="incident-error">
          {t('common.error')}: {error}
        </p>
      )}
      <section className="incident-section">
        <h3>{t('transition.title')}</h3>
        <TransitionBar locale={locale} user={user} status={d.status} busy={busy} onTransition={(to, reason) => void run(() => client.call('incidents.transition', { id: d.id, to, ...(reason ? { reason } : {}) }))} />
      </section>
      <IncidentTasks client={client} locale={locale} user={user} incident={d} busy={busy} run={run} now={now} />
      <section className="incident-section" data-testid="incident-notes">
        <h3>{t('notes.title')}</h3>
        {d.notes.length === 0 && <p className="muted">{t('notes.none')}</p>}
        <ul className="incident-notes">
          {d.notes.map((n) => (
            <li key={n.id}>
              <span className="muted">
                {formatUtc8(n.at)} · {n.author}
              </span>{' '}
              {n.text}
            </li>
          ))}
        </ul>
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => client.call('incidents.addNote', { id: d.id, text: note })).then((ok) => ok && setNote(''));
          }}
        >
          <label>
            <textarea data-testid="note-text" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('notes.placeholder')} rows={2} maxLength={4000} disabled={noteDenied !== null} />
          </label>
          <GuardedButton type="submit" data-testid="note-add" denied={noteDenied} disabled={busy || !note.trim()}>
            {t('notes.add')}
          </GuardedButton>
        </form>
      </section>
      <PlansSection client={client} locale={locale} user={user} incidentId={d.id} closed={closed} activations={d.activations} run={run} busy={busy} />
      <section className="incident-section">
        <h3>{t('timeline.title')}</h3>
        <ol className="incident-timeline" data-testid="incident-timeline">
          {d.timeline.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <time className="tl-time">{formatUtc8(e.at)}</time>
              <span className="tl-who">
                {e.user} <small>{roleLabel(e.role, locale)}</small>
              </span>
              <span className="tl-what">{pick(e.summary, locale)}</span>
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}
