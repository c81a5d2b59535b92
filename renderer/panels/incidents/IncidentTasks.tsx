import { useEffect, useState } from 'react';
import type { Client, IncidentDetail, UserInfo } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { GuardedButton } from './GuardedButton';
import { denyReason } from './incidentPermissions';
import { formatUtc8, incidentsText, parseUtc8Local } from './incidentsText';

export interface IncidentTasksProps {
  client: Client;
  locale: Locale;
  user: UserInfo | null;
  incident: IncidentDetail;
  busy: boolean;
  /** Runs a call that answers the updated incident. */
  run(call: () => Promise<IncidentDetail>): Promise<boolean>;
  now: number;
}

/** Tasks: add one for a known user with a due time (Beijing time), tick it done. */
export function IncidentTasks({ client, locale, user, incident, busy, run, now }: IncidentTasksProps) {
  const t = incidentsText(locale);
  const [users, setUsers] = useState<UserInfo[]>([]);
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const addDenied = denyReason('incidents.addTask', user);
  const doneDenied = denyReason('incidents.setTaskDone', user);

  useEffect(() => {
    if (denyReason('users.list', user) !== null) return setUsers([]);
    let live = true;
    client
      .call('users.list', {})
      .then((r) => {
        if (!live) return;
        const enabled = r.users.filter((u) => !u.disabled);
        setUsers(enabled);
        setAssignee((a) => a || enabled[0]?.username || '');
      })
      .catch(() => live && setUsers([]));
    return () => {
      live = false;
    };
  }, [client, user]);

  const dueAt = parseUtc8Local(due);
  return (
    <section className="incident-section" data-testid="incident-tasks">
      <h3>{t('tasks.title')}</h3>
      {incident.tasks.length === 0 ? (
        <p className="muted">{t('tasks.none')}</p>
      ) : (
        <ul className="incident-tasks">
          {incident.tasks.map((k) => (
            <li key={k.id} className={k.done ? 'done' : ''} data-testid={`task-${k.id}`}>
              <GuardedButton
                className="small"
                data-testid={`task-done-${k.id}`}
                denied={doneDenied}
                disabled={busy}
                onClick={() => void run(() => client.call('incidents.setTaskDone', { id: incident.id, taskId: k.id, done: !k.done }))}
              >
                {k.done ? `✓ ${t('tasks.undo')}` : t('tasks.done')}
              </GuardedButton>
              <span className="task-title">{k.title}</span>
              <span className="muted">
                {k.assignee}
                {k.dueAt !== null && ` · ${formatUtc8(k.dueAt)}`}
                {!k.done && k.dueAt !== null && k.dueAt < now && <strong className="overdue"> {t('tasks.overdue')}</strong>}
                {k.done && ` · ${t('tasks.doneBy')} ${k.doneBy ?? ''} ${formatUtc8(k.doneAt)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          const input = { id: incident.id, title, assignee, ...(dueAt !== null ? { dueAt } : {}) };
          void run(() => client.call('incidents.addTask', input)).then((ok) => {
            if (ok) {
              setTitle('');
              setDue('');
            }
          });
        }}
      >
        <label>
          {t('tasks.name')}
          <input data-testid="task-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} disabled={addDenied !== null} />
        </label>
        <label className="narrow">
          {t('tasks.assignee')}
          <select data-testid="task-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} disabled={addDenied !== null}>
            {users.map((u) => (
              <option key={u.username} value={u.username}>
                {u.displayName ? `${u.displayName} (${u.username})` : u.username}
              </option>
            ))}
          </select>
        </label>
        <label className="narrow">
          {t('tasks.due')}
          <input data-testid="task-due" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} disabled={addDenied !== null} />
        </label>
        <GuardedButton type="submit" data-testid="task-add" denied={addDenied} disabled={busy || !title.trim() || !assignee}>
          {t('tasks.add')}
        </GuardedButton>
      </form>
    </section>
  );
}
