import { useState } from 'react';
import { responseLevelLabels, responseLevels, type ActivationInfo, type Client, type MethodOutput, type ResponseLevel, type UserInfo } from '../../../preload/contract';
import { pick, type Locale } from '../../ui/locale';
import { GuardedButton } from './GuardedButton';
import { denyReason } from './incidentPermissions';
import { formatUtc8, incidentsText } from './incidentsText';

type PlanMatch = MethodOutput<'plans.match'>['matches'][number];

export interface PlansSectionProps {
  client: Client;
  locale: Locale;
  user: UserInfo | null;
  incidentId: number;
  closed: boolean;
  activations: ActivationInfo[];
  /** Runs a plans call; the incident is reloaded after it (true when it went through). */
  run(call: () => Promise<unknown>): Promise<boolean>;
  busy: boolean;
}

/** 应急预案: match the library, activate at a response level, raise/lower it, tick the checklist of the current level. */
export function PlansSection({ client, locale, user, incidentId, closed, activations, run, busy }: PlansSectionProps) {
  const t = incidentsText(locale);
  const [matches, setMatches] = useState<PlanMatch[] | null>(null);
  const [level, setLevel] = useState<ResponseLevel>('IV');
  const matchDenied = denyReason('plans.match', user);
  const activateDenied = denyReason('plans.activate', user);
  const active = activations.filter((a) => a.state === 'active');

  const match = () =>
    void run(async () => {
      const r = await client.call('plans.match', { incidentId });
      setMatches(r.matches);
      if (r.matches[0]) setLevel(r.matches[0].suggestedLevel);
    });

  return (
    <section className="incident-section" data-testid="incident-plans">
      <h3>{t('plans.title')}</h3>
      <div className="incident-actions">
        <GuardedButton data-testid="plans-match" denied={matchDenied} disabled={busy || closed} onClick={match}>
          {t('plans.match')}
        </GuardedButton>
        {matches && matches.length > 0 && (
          <label className="inline">
            {t('plans.level')}
            <select data-testid="plan-level" value={level} onChange={(e) => setLevel(e.target.value as ResponseLevel)}>
              {responseLevels.map((l) => (
                <option key={l} value={l}>
                  {pick(responseLevelLabels[l], locale)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {matches && matches.length === 0 && <p className="muted">{t('plans.none')}</p>}
      {matches && matches.length > 0 && (
        <ul className="plan-matches" data-testid="plan-matches">
          {matches.map((m) => {
            const running = active.some((a) => a.planId === m.planId);
            return (
              <li key={m.planId} data-testid={`plan-match-${m.planId}`}>
                <strong>{pick(m.title, locale)}</strong>
                {m.demo && (
                  <span className="badge demo" data-testid={`plan-demo-${m.planId}`}>
                    演示预案 Demo
                  </span>
                )}
                {m.primary && <span className="badge">{t('plans.primary')}</span>}
                <span className="muted">
                  {' '}
                  {t('plans.suggested')} {m.suggestedLevel}
                </span>
                <GuardedButton
                  className="primary small"
                  data-testid={`plan-activate-${m.planId}`}
                  denied={activateDenied}
                  disabled={busy || closed || running}
                  onClick={() => void run(() => client.call('plans.activate', { incidentId, planId: m.planId, level }))}
                >
                  {t('plans.activate')} {level}
                </GuardedButton>
                <ul className="plan-triggers">
                  {m.triggers.map((x, i) => (
                    <li key={i}>{pick(x, locale)}</li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
      {activations.map((a) => (
        <Activation key={a.id} client={client} locale={locale} user={user} activation={a} closed={closed} run={run} busy={busy} />
      ))}
    </section>
  );
}

function Activation({ client, locale, user, activation: a, closed, run, busy }: Omit<PlansSectionProps, 'incidentId' | 'activations'> & { activation: ActivationInfo }) {
  const t = incidentsText(locale);
  const [to, setTo] = useState<ResponseLevel>(a.level);
  const [reason, setReason] = useState('');
  const levelDenied = denyReason('plans.setLevel', user);
  const tickDenied = denyReason('plans.setChecklistItem', user);
  const stopped = closed || a.state !== 'active';
  const byLevel = responseLevels.filter((l) => a.checklist.some((c) => c.level === l));
  return (
    <div className={`plan-activation state-${a.state}`} data-testid={`activation-${a.id}`} data-level={a.level}>
      <h4>
        {pick(a.planTitle, locale)}
        {a.demo && <span className="badge demo">演示预案 Demo</span>}
        <span className="plan-level-now" data-testid={`activation-level-${a.id}`}>
          {pick(responseLevelLabels[a.level], locale)}
        </span>
      </h4>
      <p className="muted small-note">
        {t('plans.by')} {a.activatedBy} · {formatUtc8(a.activatedAt)}
      </p>
      <form
        className="incident-actions"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => client.call('plans.setLevel', { activationId: a.id, level: to, ...(reason.trim() ? { reason: reason.trim() } : {}) })).then((ok) => ok && setReason(''));
        }}
      >
        <select data-testid="plan-new-level" value={to} onChange={(e) => setTo(e.target.value as ResponseLevel)} disabled={levelDenied !== null || stopped} aria-label={t('plans.level')}>
          {responseLevels.map((l) => (
            <option key={l} value={l}>
              {pick(responseLevelLabels[l], locale)}
            </option>
          ))}
        </select>
        <input data-testid="plan-level-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('plans.levelReason')} maxLength={500} disabled={levelDenied !== null || stopped} />
        <GuardedButton type="submit" data-testid="plan-set-level" denied={levelDenied} disabled={busy || stopped || to === a.level}>
          {t('plans.setLevel')}
        </GuardedButton>
      </form>
      <h4>{t('plans.checklist')}</h4>
      {byLevel.map((l) => (
        <div key={l} className="checklist-level">
          <div className="checklist-level-name">{pick(responseLevelLabels[l], locale)}</div>
          <ul className="checklist">
            {a.checklist
              .filter((c) => c.level === l)
              .map((c) => (
                <li key={c.id} className={c.done ? 'done' : ''}>
                  <label title={tickDenied ?? undefined}>
                    <input
                      type="checkbox"
                      data-testid={`checklist-${c.id}`}
                      checked={c.done}
                      disabled={busy || stopped || tickDenied !== null}
                      onChange={(e) => void run(() => client.call('plans.setChecklistItem', { activationId: a.id, itemId: c.id, done: e.target.checked }))}
                    />
                    <span>{pick(c.text, locale)}</span>
                  </label>
                  <span className="muted small-note">
                    {t('plans.units')}: {c.units.join('、')}
                    {c.done && ` · ✓ ${c.doneBy ?? ''} ${formatUtc8(c.doneAt)}`}
                  </span>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
