import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { drillEventKinds, type DrillEvent, type DrillRunSummary, type StationLiveInfo } from '../../../preload/contract';
import type { ToolContext } from '../../app/toolContext';
import { DrillEvaluationView } from './DrillEvaluationView';
import { can, errorText } from './drillPermissions';
import './drills.css';
import { drillText, statusKey } from './drillText';
import { offsetWithSeconds } from './drillTime';
import { ReplayChart, streamChoices } from './ReplayChart';
import { alarmsAt, defaultStream, isLogLine, loggedKinds, replaySpan, replayStations, stepEvent, ticksOf } from './replayModel';
import { ReplayAlarms, ReplayIncidents, ReplayLog } from './ReplayPanes';
import { ReplayScrubber } from './ReplayScrubber';
import { useReplayState } from './useReplayState';

const PAGE = 5000;
const MAX_EVENTS = 50_000;
const PLAY_TICK_MS = 100;

export interface DrillReplayProps {
  ctx: ToolContext;
  runId: string;
  /** Exercise time to open at (epoch ms, e.g. from ?at=); default the run's start. */
  initialAt?: number | null;
  onClose(): void;
}

/** Every recorded event of a run but observations (the log, ticks, steps, bookmarks), in seq order. */
async function loadEvents(ctx: ToolContext, runId: string): Promise<DrillEvent[]> {
  const out: DrillEvent[] = [];
  const kinds = loggedKinds(drillEventKinds);
  for (let after = 0; out.length < MAX_EVENTS; ) {
    const page = await ctx.client.call('drill.events', { runId, afterSeq: after, limit: PAGE, kinds });
    out.push(...page.events);
    if (page.events.length < PAGE) break;
    after = page.events[page.events.length - 1]!.seq;
  }
  return out;
}

/**
 * 复盘: one scrubber drives every pane of an ended drill — the alarm list and incidents at that moment
 * (drill.replayState, throttled), the event log (later entries dimmed; a click jumps there), a station chart with a
 * time cursor, and the map (flood stations' values and warning colours, incident markers, optionally the recorded
 * view) through the tool context. A big 复盘 REPLAY marker (blue, never red) stays over the map while the replay
 * feeds it. Then the evaluation and the report export.
 */
export function DrillReplay({ ctx, runId, initialAt, onClose }: DrillReplayProps) {
  const t = drillText(ctx.locale);
  const allowed = can('drill.events', ctx.user);
  const [run, setRun] = useState<DrillRunSummary | null>(null);
  const [events, setEvents] = useState<DrillEvent[] | null>(null);
  const [base, setBase] = useState<StationLiveInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [at, setAt] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(60);
  const [streamId, setStreamId] = useState<string | null>(null);
  const [followView, setFollowView] = useState(false);
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;

  useEffect(() => {
    if (!allowed) return;
    let alive = true;
    const c = ctxRef.current;
    Promise.all([c.client.call('drill.list', {}), loadEvents(c, runId)]).then(
      ([list, evs]) => {
        if (!alive) return;
        const found = list.runs.find((r) => r.runId === runId) ?? null;
        if (!found) return setError(`未找到演练记录 / no recorded drill ${runId}`);
        setRun(found);
        setEvents(evs);
      },
      (err: unknown) => alive && setError(errorText(err)),
    );
    c.client.call('stations.live', {}).then(
      (r) => alive && setBase(r.stations),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [allowed, runId]);

  const span = useMemo(() => (run && events ? replaySpan(run.t0, events) : null), [run, events]);
  const clamp = (v: number) => (span ? Math.round(Math.min(span.to, Math.max(span.from, v))) : v);
  useEffect(() => {
    if (!span) return;
    setAt((a) => a ?? Math.round(Math.min(span.to, Math.max(span.from, initialAt ?? span.from))));
  }, [span, initialAt]);

  const { state, error: stateError } = useReplayState(ctx.client, runId, allowed && span ? at : null);

  // Playback: the cursor moves on by wall time × speed; it stops at the end.
  useEffect(() => {
    if (!playing || !span) return;
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      const step = (now - last) * speed;
      last = now;
      setAt((a) => Math.round(Math.min(span.to, (a ?? span.from) + step)));
    }, PLAY_TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, span]);
  useEffect(() => {
    if (playing && span && at !== null && at >= span.to) setPlaying(false);
  }, [playing, span, at]);

  // The map shows the replay moment; the live picture comes back when the replay closes.
  useEffect(() => {
    if (!state) return;
    if (base.length > 0) ctxRef.current.setLayerLive('floodStations', replayStations(base, state));
    ctxRef.current.setLayerLive('incidents', state.incidents);
  }, [state, base]);
  useEffect(() => {
    document.body.dataset.replay = runId;
    return () => {
      delete document.body.dataset.replay;
      ctxRef.current.setLayerLive('floodStations', undefined);
      ctxRef.current.setLayerLive('incidents', []);
    };
  }, [runId]);
  const viewKey = state?.view ? JSON.stringify(state.view) : null;
  useEffect(() => {
    if (!followView || !viewKey) return;
    const v = JSON.parse(viewKey) as { lon: number; lat: number; height: number };
    ctxRef.current.focus({ lon: v.lon, lat: v.lat, height: v.height, flyTo: true });
  }, [followView, viewKey]);

  const logLines = useMemo(() => (events ?? []).filter(isLogLine), [events]);
  const times = useMemo(() => logLines.map((e) => e.at), [logLines]);
  const ticks = useMemo(() => (events && span ? ticksOf(events, span) : []), [events, span]);
  const bookmarks = useMemo(() => (events ?? []).filter((e) => e.kind === 'bookmark').map((e) => ({ seq: e.seq, at: e.at, label: typeof e.payload.label === 'string' ? e.payload.label : '' })), [events]);
  const choices = useMemo(() => streamChoices(base, state?.stations ?? []), [base, state]);
  const chosen = streamId ?? (events ? defaultStream(events, state) : null);
  const alarms = at === null ? [] : alarmsAt(state, at);
  const seek = (v: number) => setAt(clamp(v));

  const marker = (
    <div className="replay-marker" data-testid="replay-marker" data-run-id={runId} data-at={at ?? ''} role="status">
      <strong>{t('replay.marker')}</strong>
      {run && <span className="replay-marker-name">{run.name}</span>}
      {run && at !== null && <span className="replay-marker-offset">{offsetWithSeconds(at - run.t0)}</span>}
      <button type="button" className="small" data-testid="replay-marker-exit" onClick={onClose}>
        {t('replay.exit')}
      </button>
    </div>
  );

  return (
    <>
      {createPortal(marker, document.body)}
      <section className="panel drill-replay" data-testid="drill-replay" data-run-id={runId} data-at={at ?? ''} data-state-at={state?.at ?? ''} aria-label={t('replay.title')}>
        <header className="panel-head">
          <span className="replay-badge">{t('replay.marker')}</span>
          <h2>
            {run?.name ?? runId} {run?.demo && <span className="badge demo">{t('banner.demo')}</span>}
            {run && <small> · {t(statusKey(run.status))}</small>}
          </h2>
          <button type="button" className="small" data-testid="drill-replay-close" onClick={onClose}>
            {t('replay.exit')}
          </button>
        </header>
        {!allowed && <p className="muted">{t('tool.signIn')}</p>}
        {(error ?? stateError) && (
          <p className="error" role="alert" data-testid="drill-replay-error">
            {error ?? stateError}
          </p>
        )}
        {allowed && !error && (!run || !events || !span || at === null) && <p className="muted">{t('replay.loading')}</p>}
        {run && events && span && at !== null && (
          <>
            <ReplayScrubber
              locale={ctx.locale}
              t0={run.t0}
              span={span}
              at={at}
              ticks={ticks}
              bookmarks={bookmarks}
              playing={playing}
              speed={speed}
              onSeek={seek}
              onPlay={(p) => {
                if (p && at >= span.to) setAt(span.from);
                setPlaying(p);
              }}
              onSpeed={setSpeed}
              onStep={(dir) => {
                const next = stepEvent(times, at, dir);
                if (next !== null) seek(next);
              }}
            />
            <label className="inline">
              <input type="checkbox" data-testid="drill-replay-follow-view" checked={followView} onChange={(e) => setFollowView(e.target.checked)} /> {t('replay.followView')}
            </label>
            <div className="replay-grid">
              <div>
                <ReplayAlarms
                  alarms={alarms}
                  at={state?.at ?? null}
                  t0={run.t0}
                  locale={ctx.locale}
                  onPick={(a) => {
                    setStreamId(a.streamId);
                    if (a.lon !== null && a.lat !== null) ctx.focus({ lon: a.lon, lat: a.lat, layerKind: 'floodStations', featureId: a.stationId ?? undefined, flyTo: false });
                  }}
                />
                <ReplayIncidents state={state} locale={ctx.locale} />
              </div>
              <ReplayChart client={ctx.client} runId={runId} locale={ctx.locale} base={base} choices={choices} streamId={chosen} span={span} t0={run.t0} at={at} onStream={setStreamId} />
            </div>
            <ReplayLog events={logLines} at={at} t0={run.t0} locale={ctx.locale} follow={playing} onSeek={seek} />
            {/* The live record has no scenario: nothing to evaluate, only to replay. */}
            {runId !== 'live' && <DrillEvaluationView client={ctx.client} runId={runId} locale={ctx.locale} user={ctx.user} t0={run.t0} onSeek={seek} />}
          </>
        )}
      </section>
    </>
  );
}
