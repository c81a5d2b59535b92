import { useState } from 'react';
import { incidentStatusLabels, type IncidentStatus, type UserInfo } from '../../../preload/contract';
import { incidentStatusColour } from '../../layers/incidents/incidentsStyle';
import { pick, type Locale } from '../../ui/locale';
import { GuardedButton } from './GuardedButton';
import { transitionChoices } from './incidentPermissions';
import { incidentsText } from './incidentsText';

export interface TransitionBarProps {
  locale: Locale;
  user: UserInfo | null;
  status: IncidentStatus;
  busy: boolean;
  onTransition(to: IncidentStatus, reason: string | undefined): void;
}

/** Only the moves the contract allows from the current state; those that need a reason ask for it first. */
export function TransitionBar({ locale, user, status, busy, onTransition }: TransitionBarProps) {
  const t = incidentsText(locale);
  const [asking, setAsking] = useState<IncidentStatus | null>(null);
  const [reason, setReason] = useState('');
  const choices = transitionChoices(status, user);
  if (choices.length === 0) return <p className="muted">{t('transition.none')}</p>;
  return (
    <div className="incident-transitions">
      <div className="incident-actions">
        {choices.map((c) => (
          <GuardedButton
            key={c.to}
            className="transition"
            style={{ borderColor: incidentStatusColour[c.to] }}
            data-testid={`incident-transition-${c.to}`}
            data-needs-reason={c.needsReason ? 'true' : undefined}
            denied={c.denied}
            disabled={busy}
            onClick={() => {
              if (c.needsReason) {
                setAsking(c.to);
                setReason('');
              } else onTransition(c.to, undefined);
            }}
          >
            → {pick(incidentStatusLabels[c.to], locale)}
          </GuardedButton>
        ))}
      </div>
      {asking && (
        <form
          className="incident-reason"
          data-testid="transition-reason-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return;
            onTransition(asking, reason.trim());
            setAsking(null);
          }}
        >
          <label>
            {t('transition.reasonRequired')} ({pick(incidentStatusLabels[status], locale)} → {pick(incidentStatusLabels[asking], locale)})
            <input data-testid="transition-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder={t('transition.reason')} autoFocus />
          </label>
          <button type="submit" className="primary" data-testid="transition-confirm" disabled={!reason.trim()}>
            {t('transition.confirm')}
          </button>
          <button type="button" onClick={() => setAsking(null)}>
            {t('transition.cancel')}
          </button>
        </form>
      )}
    </div>
  );
}
