import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AlarmInfo, LayerInfo, MethodInput, MethodOutput, TopicPayload, UserInfo } from '../../preload/contract';
import { connectHost, MissingTokenError, type HostConnection } from '../host/hostClient';
import { MapView } from '../map/MapView';
import { ImportDialog } from '../panels/ImportDialog';
import { LayerPanel } from '../panels/LayerPanel';
import { LoginDialog } from '../panels/auth/LoginDialog';
import { KpiTiles } from '../panels/dashboard/KpiTiles';
import { DrillBanner, useDrillState } from '../panels/drills/DrillBanner';
import { exerciseClock } from '../panels/drills/useDrillState';
import { AlarmCenter } from '../panels/monitoring/AlarmCenter';
import { AlarmSound } from '../panels/monitoring/alarmSound';
import { StationPanel } from '../panels/monitoring/StationPanel';
import { useMonitoring } from '../panels/monitoring/useMonitoring';
import type { Locale } from '../ui/locale';
import { DockLayout, type DockInsets, type DockItem } from './DockLayout';
import { I18nContext, initialLocale, saveLocale, translate, useI18n, type I18n } from './i18n';
import { layerModules } from './layerRegistry';
import { StatusBar } from './StatusBar';
import type { FocusTarget, LinkageTarget, MapClick, MapPick, ToolContext, UndergroundState } from './toolContext';
import { toolPanels } from './toolRegistry';
import { TopBar } from './TopBar';

function useHost(): { host: HostConnection | null; error: 'token' | 'host' | null } {
  return useMemo(() => {
    try {
      return { host: connectHost(), error: null };
    } catch (err) {
      return { host: null, error: err instanceof MissingTokenError ? 'token' : 'host' };
    }
  }, []);
}

export function App() {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale(window.localStorage));
  const i18n = useMemo<I18n>(
    () => ({
      locale,
      t: (k) => translate(locale, k),
      setLocale: (l) => {
        saveLocale(window.localStorage, l);
        setLocaleState(l);
      },
    }),
    [locale],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const { host, error } = useHost();
  return (
    <I18nContext.Provider value={i18n}>
      {host ? <DrillKeyedShell host={host} /> : <div className="fatal">{translate(locale, error === 'token' ? 'error.token' : 'error.host')}</div>}
    </I18nContext.Provider>
  );
}

/**
 * Live ↔ drill: when a drill starts or ends every window shows the other store, so the shell starts over (its
 * stations, alarms and incidents come from the host again); the host connection and the sign-in stay.
 */
function DrillKeyedShell({ host }: { host: HostConnection }) {
  const drill = useDrillState(host.client);
  const key = drill?.mode === 'drill' && drill.run ? `drill:${drill.run.runId}` : 'live';
  // The host's time: the exercise clock during a drill (charts and data ages follow it), else the wall clock.
  const hostNow = useMemo(() => {
    const run = drill?.mode === 'drill' ? drill.run : null;
    return run ? () => exerciseClock(run, drill!.receivedAt, Date.now()) : Date.now;
  }, [drill]);
  return <Shell key={key} host={host} drillRunId={drill?.mode === 'drill' ? (drill.run?.runId ?? null) : null} hostNow={hostNow} />;
}

function Shell({ host, drillRunId = null, hostNow = Date.now }: { host: HostConnection; drillRunId?: string | null; hostNow?: () => number }) {
  const [info, setInfo] = useState<MethodOutput<'app.info'> | null>(null);
  const [config, setConfig] = useState<MethodOutput<'map.config'> | null>(null);
  const [layers, setLayers] = useState<LayerInfo[]>([]);
  const [dataVersions, setDataVersions] = useState<Record<string, number>>({});
  const [drawn, setDrawn] = useState<Record<string, number>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [visibility, setVisibility] = useState<Record<string, boolean>>({});
  const [globeReady, setGlobeReady] = useState(false);
  const [fatal, setFatal] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [user, setUser] = useState<UserInfo | null>(null);
  const [layout, setLayoutState] = useState<Layout>(() => initialLayout(window));
  const setLayout = useCallback((l: Layout) => {
    window.localStorage.setItem('cityops.layout', l);
    setLayoutState(l);
  }, []);
  const [signingIn, setSigningIn] = useState(false);
  const [view, setView] = useState<{ preset: 'home' | 'tilt'; seq: number } | undefined>(undefined);

  const [focus, setFocus] = useState<(FocusTarget & { seq: number }) | undefined>(undefined);
  const [pick, setPick] = useState<MapPick | null>(null);
  const [mapClick, setMapClick] = useState<MapClick | null>(null);
  const [toolLive, setToolLive] = useState<Record<string, unknown>>({});
  const [underground, setUnderground] = useState<UndergroundState>({ enabled: false, alpha: 0.35 });
  const [linkage, setLinkage] = useState<LinkageTarget | null>(null);
  const [stationId, setStationId] = useState<string | null>(null);
  // Bumped when a docked panel should come forward (its kind picked on the map, a station located, linkage opened).
  const [reveals, setReveals] = useState<Record<string, number>>({});
  const reveal = useCallback((ids: string[]) => setReveals((r) => Object.fromEntries([...Object.entries(r), ...ids.map((id) => [id, (r[id] ?? 0) + 1])])), []);
  const [insets, setInsets] = useState<DockInsets>({ left: 0, right: 0, leftColumn: 0, rightColumn: 0 });
  const sound = useRef(new AlarmSound());
  const [muted, setMuted] = useState(sound.current.muted);
  const locale = useI18n().locale;

  // A new or escalated alarm: tone (unless muted) and the station flashes on the map.
  const onAlarm = useCallback((e: TopicPayload<'alarms.changed'>) => {
    if (e.action !== 'raise' && e.action !== 'escalate') return;
    sound.current.play(e.alarm.severity);
    document.body.dataset.lastAlarm = String(e.alarm.id);
    if (e.alarm.lon !== null && e.alarm.lat !== null && e.alarm.stationId) {
      setFocus((f) => ({ lon: e.alarm.lon!, lat: e.alarm.lat!, layerKind: 'floodStations', featureId: e.alarm.stationId!, flyTo: false, seq: (f?.seq ?? 0) + 1 }));
    }
  }, []);
  const monitoring = useMonitoring(host.client, onAlarm);
  // A tool may stand in for the live stations (the drill replay shows a recorded moment); undefined gives them back.
  const live = useMemo(() => ({ ...toolLive, floodStations: toolLive.floodStations ?? monitoring.stations }), [toolLive, monitoring.stations]);
  const station = stationId ? monitoring.stations.find((s) => s.stationId === stationId) ?? null : null;
  const locate = useCallback((a: AlarmInfo) => {
    if (a.stationId) {
      setStationId(a.stationId);
      reveal(['station']);
    }
    if (a.lon !== null && a.lat !== null) setFocus((f) => ({ lon: a.lon!, lat: a.lat!, layerKind: 'floodStations', featureId: a.stationId ?? undefined, seq: (f?.seq ?? 0) + 1 }));
  }, [reveal]);
  const onPick = useCallback(
    (p: { layerId: string; featureId: string; kind: string }) => {
      if (p.kind === 'floodStations') setStationId(p.featureId);
      reveal([...(p.kind === 'floodStations' ? ['station'] : []), ...toolPanels.filter((tool) => tool.revealOn?.includes(p.kind)).map((tool) => tool.id)]);
      setPick((prev) => ({ ...p, seq: (prev?.seq ?? 0) + 1 }));
    },
    [reveal],
  );
  const openLinkage = useCallback(
    (target: LinkageTarget | null) => {
      setLinkage(target);
      if (target) reveal(['linkage']);
    },
    [reveal],
  );
  const onMapClick = useCallback((c: { lon: number; lat: number }) => setMapClick((prev) => ({ ...c, seq: (prev?.seq ?? 0) + 1 })), []);
  // Stable functions: tools may list them as effect dependencies without re-running on every pick.
  const setLayerLive = useCallback((kind: string, data: unknown) => setToolLive((l) => ({ ...l, [kind]: data })), []);
  const focusTo = useCallback((target: FocusTarget) => setFocus((f) => ({ ...target, seq: (f?.seq ?? 0) + 1 })), []);
  const toolCtx = useMemo<ToolContext>(
    () => ({
      client: host.client,
      locale,
      user,
      layers,
      pick,
      mapClick,
      setLayerLive,
      focus: focusTo,
      underground,
      setUnderground,
      linkage,
      openLinkage,
    }),
    [host.client, locale, user, layers, pick, mapClick, underground, linkage, setLayerLive, focusTo, openLinkage],
  );

  const loadLayers = useCallback(() => host.client.call('layers.list', {}).then((r) => setLayers(r.layers)), [host]);

  // A shell that starts over (drill ↔ live) finds out who is still signed in: a session opened during a drill ends with it.
  useEffect(() => {
    host.client
      .call('auth.whoami', {})
      .then((r) => setUser(r.user))
      .catch(() => setUser(null));
  }, [host]);

  useEffect(() => {
    Promise.all([host.client.call('app.info', {}), host.client.call('map.config', {}), loadLayers()])
      .then(([i, c]) => {
        setInfo(i);
        setConfig(c);
      })
      .catch((err: unknown) => setFatal(err instanceof Error ? err.message : String(err)));
    return host.client.subscribe('store.changed', (change) => {
      setDataVersions((v) => {
        const next = { ...v };
        for (const id of change.layerIds) next[id] = (next[id] ?? 0) + 1;
        return next;
      });
      void loadLayers();
    });
  }, [host, loadLayers]);

  // Test and wall-automation hooks: the state of the map in the DOM.
  useEffect(() => {
    document.body.dataset.globeReady = String(globeReady);
  }, [globeReady]);

  const onLayerDrawn = useCallback((id: string, n: number) => setDrawn((d) => ({ ...d, [id]: n })), []);
  const onLayerError = useCallback((id: string, m: string) => setErrors((e) => ({ ...e, [id]: m })), []);
  // During a drill, what this window shows is part of the record (map views, layer toggles): the replay can follow it.
  const recordView = useCallback(
    (input: MethodInput<'drill.recordView'>) => {
      if (drillRunId) void host.client.call('drill.recordView', input).catch(() => undefined);
    },
    [host, drillRunId],
  );
  const onViewChanged = useCallback((v: { lon: number; lat: number; height: number; heading: number; pitch: number }) => recordView({ kind: 'view', ...v }), [recordView]);
  const onToggle = useCallback(
    (id: string, v: boolean) => {
      setVisibility((s) => ({ ...s, [id]: v }));
      recordView({ kind: 'layer', layerId: id, visible: v });
    },
    [recordView],
  );

  const stationPanel = (st: NonNullable<typeof station>) => (
    <StationPanel
      now={hostNow}
      key={st.stationId}
      client={host.client}
      locale={locale}
      station={st}
      version={st.streamId ? (monitoring.streamVersions[st.streamId] ?? 0) : 0}
      onClose={() => setStationId(null)}
    />
  );

  return (
    <div className="shell">
      <DrillBanner client={host.client} locale={locale} />
      <TopBar
        mode={host.mode}
        onImport={() => setImporting(true)}
        onView={(preset) => setView((v) => ({ preset, seq: (v?.seq ?? 0) + 1 }))}
        user={user}
        layout={layout}
        onLayout={setLayout}
        onSignIn={() => setSigningIn(true)}
        onSignOut={() => {
          void host.client.call('auth.logout', {}).catch(() => undefined);
          host.client.setSession(null);
          setUser(null);
        }}
      />
      {signingIn && (
        <LoginDialog
          client={host.client}
          locale={locale}
          onClose={() => setSigningIn(false)}
          onSignedIn={(u) => {
            setUser(u);
            setSigningIn(false);
          }}
        />
      )}
      {importing && <ImportDialog client={host.client} onClose={() => setImporting(false)} />}
      <main
        className={`main layout-${layout}`}
        data-layout={layout}
        style={{ ['--dock-left' as string]: `${insets.leftColumn}px`, ['--dock-right' as string]: `${insets.rightColumn}px` }}
      >
        {fatal && <div className="fatal">{fatal}</div>}
        {config && (
          <I18nConsumerMap
            host={host}
            config={config}
            layers={layers}
            dataVersions={dataVersions}
            visibility={visibility}
            onLayerDrawn={onLayerDrawn}
            onLayerError={onLayerError}
            onGlobeReady={setGlobeReady}
            view={view}
            live={live}
            focus={focus}
            onPick={onPick}
            onMapClick={onMapClick}
            underground={underground}
            overlays={overlayKinds}
            viewInsets={insets}
            onViewChanged={onViewChanged}
          />
        )}
        {layout === 'wall' && <KpiTiles client={host.client} locale={locale} refreshKey={`${monitoring.alarms.length}:${monitoring.stations.reduce((a, st) => a + (st.ts ?? 0), 0)}`} />}
        <DockLayout
          layout={layout}
          locale={locale}
          onInsets={setInsets}
          left={<LayerPanel layers={layers} drawn={drawn} visibility={visibility} errors={errors} onToggle={onToggle} config={config} />}
          alarm={
            layout !== 'analyst' && (
              <AlarmCenter
                client={host.client}
                locale={locale}
                alarms={monitoring.alarms}
                areas={monitoring.areas}
                counts={monitoring.counts}
                muted={muted}
                onMute={(m) => {
                  sound.current.setMuted(m);
                  if (!m) sound.current.unlock();
                  setMuted(m);
                }}
                onLocate={locate}
                onLinkage={(a) => a.lon !== null && a.lat !== null && openLinkage({ lon: a.lon, lat: a.lat, title: a.stationName ?? a.stationId ?? a.streamId })}
                onChanged={monitoring.reload}
              />
            )
          }
          items={[
            ...toolPanels.map(
              ({ id, title, Component, launcher, opensFrom }): DockItem => ({ id, title, launcher, opensFrom, reveal: reveals[id], element: <Component ctx={toolCtx} /> }),
            ),
            {
              id: 'station',
              title: { zh: '站点详情', en: 'Station' },
              listed: false,
              reveal: reveals.station,
              // The wall shows the station over the map (below); the duty and analyst layouts dock it.
              element: station && layout !== 'wall' && stationPanel(station),
            },
          ]}
        />
        {station && layout === 'wall' && stationPanel(station)}
        <DemoNotice show={layers.some((l) => l.demo && l.featureCount > 0 && visibility[l.id] !== false) || (config?.terrain.kind === 'heightmap' && config.terrain.demo)} />
      </main>
      <StatusBar info={info} globeReady={globeReady} feeds={monitoring.feeds} unregistered={monitoring.unregistered} />
    </div>
  );
}

type Layout = 'wall' | 'operator' | 'analyst';

/** Map layers fed from tools' live data rather than the store. */
const overlayKinds = ['incidents', 'drainageDefects'];

/**
 * ?layout= in the address wins (the wall display opens with layout=wall: `npm start` and the Electron window do), then
 * the last choice on this screen, then the duty operator's console.
 */
function initialLayout(win: Window): Layout {
  const ok = (v: string | null): v is Layout => v === 'wall' || v === 'operator' || v === 'analyst';
  const fromUrl = new URL(win.location.href).searchParams.get('layout');
  if (ok(fromUrl)) return fromUrl;
  const saved = win.localStorage.getItem('cityops.layout');
  return ok(saved) ? saved : 'operator';
}

function DemoNotice({ show }: { show: boolean }) {
  const { t } = useI18n();
  if (!show) return null;
  return (
    <div className="demo-notice" data-testid="demo-notice" role="note">
      {t('map.demoNotice')}
    </div>
  );
}

function I18nConsumerMap(props: Omit<Parameters<typeof MapView>[0], 'client' | 'modules' | 'locale'> & { host: HostConnection }) {
  const { host, ...rest } = props;
  return (
    <I18nContext.Consumer>
      {({ locale }) => <MapView {...rest} host={host} client={host.client} modules={layerModules} locale={locale} />}
    </I18nContext.Consumer>
  );
}
