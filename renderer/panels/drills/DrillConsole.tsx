import { useEffect, useRef, useState } from 'react';
import { formatOffset, runIdSchema, type DrillRunState, type DrillState, type MethodInput } from '../../../preload/contract';
import type { ToolContext } from '../../app/toolContext';
import { AdHocInjectForm } from './AdHocInjectForm';
import { DrillControls } from './DrillControls';
import { can, errorText } from './drillPermissions';
import { DrillReplay } from './DrillReplay';
import { DrillRunList } from './DrillRunList';
import './drills.css';
import { drillText, statusKey } from './drillText';
import { formatUtc8Seconds, formatUtc8Time, offsetWithSeconds } from './drillTime';
import { InjectTable, useConsoleInjects } from './InjectTable';
import { PlayerActions, type InjectedMessage } from './PlayerActions';
import { ScenarioPicker } from './ScenarioPicker';
import { useDrillStore, useExerciseClock, type ReceivedDrillState } from './useDrillState';

/** `?replay=<runId>&at=<ms>` in the address: the replay to open at start (a report's link to a moment). */
export function replayFromUrl(href: string): { runId: string; at: number | null } | null {
  let params: URLSearchParams;
  try {
    params = new URL(href).searchParams;
  } catch {
    return null;
  }
  const runId = params.get('replay');
  if (!runId || !runIdSchema.safeParse(runId).success) return null;
  const at = Number(params.get('at'));
  return { runId, at: params.get('at') !== null && Number.isSafeInteger(at) ? at : null };
}

function clearReplayUrl(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('replay')) return;
  url.searchParams.delete('replay');
  url.searchParams.delete('at');
  window.history.replaceState(window.history.state, '', url.toString());
}

/**
 * 应急演练 (tool id `drills`): the control console (导调台). No drill: demo scenarios or a scenario file, validation,
 * speed and start; the recorded drills for 复盘 (replay). A drill running: its clock, the controller's clock controls
 * and inject list (the only place controller notes show), ad-hoc injects; for everyone the injects received, 已首报
 * and evaluator notes. Controls the signed-in role may not call are not shown.
 */
export function DrillConsole({ ctx }: { ctx: ToolContext }) {
  const t = drillText(ctx.locale);
  const [open, setOpen] = useState(false);
  const [replay, setReplay] = useState<{ runId: string; at: number | null } | null>(null);
  const [state, take] = useDrillStore(ctx.client);
  const run = state?.mode === 'drill' ? state.run : null;
  const runId = run?.runId ?? null;

  useEffect(() => {
    const fromUrl = replayFromUrl(window.location.href);
    if (fromUrl) {
      setReplay(fromUrl);
      setOpen(true);
    }
  }, []);

  // The injects that reached the players, for this drill (gathered while the tool is mounted, open or not).
  const [messages, setMessages] = useState<InjectedMessage[]>([]);
  const runIdRef = useRef(runId);
  runIdRef.current = runId;
  useEffect(() => setMessages([]), [runId]);
  useEffect(
    () =>
      ctx.client.subscribe('drill.injected', (m) => {
        if (m.runId === runIdRef.current) setMessages((list) => [...list.slice(-199), m]);
      }),
    [ctx.client],
  );

  return (
    <>
      <div className="drills-launcher">
        <button type="button" className={open ? 'active' : ''} aria-pressed={open} data-testid="drill-console-open" data-mode={state?.mode ?? 'unknown'} onClick={() => setOpen(!open)}>
          {t('tool.open')}
        </button>
      </div>
      {open && replay && (
        <DrillReplay
          key={replay.runId}
          ctx={ctx}
          runId={replay.runId}
          initialAt={replay.at}
          onClose={() => {
            setReplay(null);
            clearReplayUrl();
          }}
        />
      )}
      {open && !replay && (
        <section className="panel drill-console" data-testid="drill-console" data-mode={state?.mode ?? 'unknown'} aria-label={t('tool.title')}>
          <header className="panel-head">
            <h2>
              {t('tool.title')} <small>{t('tool.titleEn')}</small>
            </h2>
            <button type="button" className="small" data-testid="drill-console-close" onClick={() => setOpen(false)}>
              {t('tool.close')}
            </button>
          </header>
          {run && state ? (
            <RunningDrill ctx={ctx} state={state} run={run} take={take} messages={messages} />
          ) : (
            <>
              <p className="muted">{t('idle.none')}</p>
              <ScenarioPicker client={ctx.client} locale={ctx.locale} user={ctx.user} onStarted={take} />
            </>
          )}
          {can('drill.list', ctx.user) ? (
            <DrillRunList client={ctx.client} locale={ctx.locale} refreshKey={`${state?.mode}:${runId}:${state?.lastEnded?.runId ?? ''}`} onReplay={(id) => setReplay({ runId: id, at: null })} />
          ) : (
            <p className="muted" data-testid="drill-sign-in">
              {t('tool.signIn')}
            </p>
          )}
        </section>
      )}
    </>
  );
}

function RunningDrill({ ctx, state, run, take, messages }: { ctx: ToolContext; state: ReceivedDrillState; run: DrillRunState; take(s: DrillState): void; messages: InjectedMessage[] }) {
  const t = drillText(ctx.locale);
  const mayControl = can('drill.control', ctx.user);
  const mayInjects = can('drill.injects', ctx.user);
  const mayAct = can('drill.injectAction', ctx.user);
  const mayShift = can('drill.shift', ctx.user);
  const mayAdd = can('drill.addInject', ctx.user);
  const clock = useExerciseClock(state) ?? run.exerciseNow;
  const { injects, error: injectsError, reload } = useConsoleInjects(ctx.client, mayInjects, `${run.runId}:${run.status}:${run.delivered}:${run.nextInjectAt}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = (p: Promise<unknown>) => {
    setBusy(true);
    setError(null);
    p.catch((err: unknown) => setError(errorText(err))).finally(() => {
      setBusy(false);
      if (mayInjects) reload();
    });
  };
  const control = (input: MethodInput<'drill.control'>) => act(ctx.client.call('drill.control', input).then(take));
  // Inject choices for a note: the controller's list, else the injects received so far (no notes either way).
  const noteInjects = injects.length > 0 ? injects.map((i) => ({ id: i.id, synopsis: i.synopsis })) : [...new Map(messages.map((m) => [m.injectId, { id: m.injectId, synopsis: m.synopsis }])).values()];

  return (
    <>
      <dl className="drill-facts" data-testid="drill-run" data-run-id={run.runId} data-status={run.status}>
        <dt>{t('clock.exercise')}</dt>
        <dd className="big" data-testid="drill-console-clock" data-at={Math.floor(clock / 1000) * 1000}>
          {offsetWithSeconds(clock - run.t0)}
          <small>{formatUtc8Seconds(clock)}</small>
        </dd>
        <dt>{t('runs.status')}</dt>
        <dd>
          <span className={`drill-status status-${run.status}`}>{t(statusKey(run.status))}</span> ×{run.speed}
        </dd>
        <dt>{t('clock.progress')}</dt>
        <dd>
          {run.delivered}/{run.total}
        </dd>
        <dt>{t('clock.next')}</dt>
        <dd>{run.nextInjectAt === null ? '—' : `${formatOffset(run.nextInjectAt - run.t0)} · ${formatUtc8Time(run.nextInjectAt)}`}</dd>
      </dl>
      <p className="drill-name">
        {run.name} {run.demo && <span className="badge demo">{t('banner.demo')}</span>}
      </p>
      {mayControl && <DrillControls run={run} locale={ctx.locale} busy={busy} onControl={control} />}
      {error && (
        <p className="error" role="alert" data-testid="drill-console-error">
          {t('common.error')} · {error}
        </p>
      )}
      {mayInjects && (
        <>
          <h3>
            {t('injects.title')} <small>{t('injects.titleEn')}</small>
          </h3>
          {injectsError && <p className="error">{injectsError}</p>}
          <InjectTable
            injects={injects}
            locale={ctx.locale}
            busy={busy}
            mayAct={mayAct}
            mayShift={mayShift}
            onAction={(injectId, action) => act(ctx.client.call('drill.injectAction', { injectId, action }))}
            onShift={(fromInjectId, byMinutes) => act(ctx.client.call('drill.shift', { fromInjectId, byMinutes }))}
          />
        </>
      )}
      {mayAdd && <AdHocInjectForm locale={ctx.locale} takenIds={injects.map((i) => i.id)} mapClick={ctx.mapClick} busy={busy} onSubmit={(inject) => act(ctx.client.call('drill.addInject', { inject }))} />}
      <PlayerActions client={ctx.client} locale={ctx.locale} user={ctx.user} t0={run.t0} injects={noteInjects} messages={messages} />
    </>
  );
}
