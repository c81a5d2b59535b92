import { useEffect, useMemo, useRef, useState } from 'react';
import type { CameraCoverageInfo } from '../../../preload/contract';
import type { ToolContext } from '../../app/toolContext';
import { cameraFilterOptions, matchesCameraFilter, type CameraFilter } from '../../layers/cameras/cameraFilter';
import type { CamerasLive } from '../../layers/cameras/camerasLive';
import { localWallLayoutStore } from '../video/localWallLayoutStore';
import { videoCameraFromFeature, wallCameraOf, type VideoCamera } from '../video/videoCamera';
import type { VideoPlayerProps } from '../video/VideoPlayer';
import { VideoPanel } from '../video/VideoPanel';
import { VideoWall } from '../video/VideoWall';
import { assignTarget, emptyWallLayout, withCell, type WallCamera, type WallLayoutStore } from '../video/wallLayout';
import { CameraEditForm } from './CameraEditForm';
import { cameraEditText } from './cameraEditText';
import { CameraFilters } from './CameraFilters';
import { CameraHealthSummary } from './CameraHealthSummary';
import { CameraList } from './CameraList';
import { CameraSeeingList, type SeeingResult } from './CameraSeeingList';
import { cameraText, distanceLabel } from './cameraText';
import './cameraTool.css';
import { useCameraRecords } from './useCameraRecords';

export interface CameraToolProps {
  ctx: ToolContext;
  /** Where the wall layout lives (default: localStorage). */
  wallStore?: WallLayoutStore;
  /** Passed to every player (tests inject a fake engine). */
  player?: Pick<VideoPlayerProps, 'attach' | 'now' | 'policy' | 'snapshotIntervalMs'>;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * 视频监控 tool: a picked camera's live video (上墙 sends it to the wall), the video wall (1/4/9) with the camera
 * list to assign from, status / type / department filters for the map, the online rate per department, 视域查询
 * (which cameras see a clicked point) and the selected camera's coverage on the map. Talks to the map only through
 * the ToolContext (setLayerLive('cameras', CamerasLive), focus).
 */
export function CameraTool({ ctx, wallStore, player }: CameraToolProps) {
  const t = cameraText(ctx.locale);
  const layer = ctx.layers.find((l) => l.kind === 'cameras');
  const cams = useCameraRecords(ctx.client, layer);
  const store = useMemo(() => wallStore ?? localWallLayoutStore(), [wallStore]);
  const [open, setOpen] = useState(false);
  const [wallOpen, setWallOpen] = useState(false);
  const [wallKey, setWallKey] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState<CameraFilter>({});
  const [coverage, setCoverage] = useState<CameraCoverageInfo | null>(null);
  const [armed, setArmed] = useState<{ clickSeq: number } | null>(null);
  const [seeing, setSeeing] = useState<SeeingResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // 新增/编辑 (administrators only): undefined closed, null a new camera, else the camera's id.
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const isAdmin = ctx.user?.role === 'admin';
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;

  const options = useMemo(() => cameraFilterOptions(cams.records), [cams.records]);
  const shown = useMemo(() => cams.records.filter((c) => matchesCameraFilter(c, filter)), [cams.records, filter]);
  const wallCameras = useMemo(() => shown.map((c) => (c.url ? { id: c.id, name: c.name, url: c.url } : null)).filter((c): c is WallCamera => c !== null), [shown]);
  const feature = selected ? cams.features.get(selected) : undefined;
  const camera: VideoCamera | null = feature ? videoCameraFromFeature(feature) : null;

  // The map's share of the state.
  useEffect(() => {
    const live: CamerasLive = { filter, coverage: coverage?.polygon ?? null, selected };
    ctxRef.current.setLayerLive('cameras', live);
  }, [filter, coverage, selected]);

  const runSeeing = (lon: number, lat: number) => {
    setArmed(null);
    setBusy(true);
    setError(null);
    ctx.client
      .call('cameras.seeing', { lon, lat })
      .then(setSeeing)
      .catch((err: unknown) => setError(`cameras.seeing: ${errorText(err)}`))
      .finally(() => setBusy(false));
  };

  // A click on a camera opens its video (armed for 视域查询 without ground clicks: the camera's place is the point).
  useEffect(() => {
    const p = ctx.pick;
    if (!p || p.kind !== 'cameras') return;
    if (armed) {
      if (ctx.mapClick === undefined) {
        const r = cams.records.find((c) => c.id === p.featureId);
        if (r) runSeeing(r.lon, r.lat);
      }
      return;
    }
    setOpen(true);
    select(p.featureId, false);
  }, [ctx.pick?.seq]);

  // During a drill the host records which camera was opened (a no-op on live).
  useEffect(() => {
    if (!selected) return;
    void Promise.resolve()
      .then(() => ctx.client.call('drill.recordView', { kind: 'camera.opened', cameraId: selected }))
      .catch(() => undefined);
  }, [selected]);

  // 视域查询: the next click on the ground after arming.
  useEffect(() => {
    const c = ctx.mapClick;
    if (!armed || !c || c.seq <= armed.clickSeq) return;
    runSeeing(c.lon, c.lat);
  }, [ctx.mapClick?.seq]);

  function select(id: string, focus: boolean) {
    setSelected(id);
    setCoverage((c) => (c && c.cameraId === id ? c : null));
    const r = cams.records.find((c) => c.id === id);
    if (focus && r) ctx.focus({ lon: r.lon, lat: r.lat, height: 700, layerKind: 'cameras', featureId: id });
  }

  const showCoverage = (id: string) => {
    setBusy(true);
    setError(null);
    ctx.client
      .call('cameras.coverage', { cameraId: id })
      .then(setCoverage)
      .catch((err: unknown) => setError(`cameras.coverage ${id}: ${errorText(err)}`))
      .finally(() => setBusy(false));
  };

  // 上墙: into the wall's saved layout (selected cell rules are the wall's: first empty cell), then show the wall.
  const toWall = (c: VideoCamera) => {
    const w = wallCameraOf(c);
    if (!w) return;
    setError(null);
    store
      .load()
      .then((l) => {
        const layout = l ?? emptyWallLayout();
        const already = layout.cells.slice(0, layout.size).findIndex((x) => x?.id === w.id);
        return already >= 0 ? undefined : store.save(withCell(layout, assignTarget(layout, null), w));
      })
      .then(() => {
        setWallKey((k) => k + 1);
        setWallOpen(true);
      })
      .catch((err: unknown) => setError(`${t('wall.open')}: ${errorText(err)}`));
  };

  if (!open) {
    return (
      <button type="button" className="camera-tool-launcher primary" data-testid="camera-tool-open" onClick={() => setOpen(true)}>
        {t('tool.open')}
      </button>
    );
  }

  return (
    <>
      <section className="panel camera-tool" data-testid="camera-tool" aria-label={t('tool.title')}>
        <header className="panel-head">
          <h2>
            {t('tool.title')} <small>{t('tool.titleEn')}</small>
          </h2>
          <button type="button" className="primary" data-testid="open-video-wall" aria-pressed={wallOpen} onClick={() => setWallOpen((o) => !o)}>
            {wallOpen ? t('wall.close') : t('wall.open')}
          </button>
          <button type="button" data-testid="camera-tool-close" onClick={() => setOpen(false)}>
            {t('tool.collapse')}
          </button>
        </header>
        {!layer && <p className="muted">{t('tool.noLayer')}</p>}
        {cams.loading && <p className="muted">{t('tool.loading')}</p>}
        {(error ?? cams.error) && (
          <p className="error" role="alert" data-testid="camera-tool-error">
            {error ?? cams.error}
          </p>
        )}
        <div className="camera-actions">
          {armed ? (
            <>
              <span className="armed" data-testid="seeing-armed">
                {t('seeing.armed')}
              </span>
              <button type="button" onClick={() => setArmed(null)}>
                {t('seeing.cancel')}
              </button>
            </>
          ) : (
            <button type="button" data-testid="seeing-arm" disabled={busy} onClick={() => setArmed({ clickSeq: ctx.mapClick?.seq ?? 0 })}>
              {t('seeing.arm')}
            </button>
          )}
          {selected && (
            <>
              <button type="button" data-testid="coverage-show" disabled={busy} onClick={() => showCoverage(selected)}>
                {t('coverage.show')}
              </button>
              <button type="button" data-testid="camera-locate" onClick={() => select(selected, true)}>
                {t('locate')}
              </button>
            </>
          )}
          {isAdmin && editing === undefined && (
            <button type="button" data-testid="camera-add" onClick={() => setEditing(null)}>
              {cameraEditText(ctx.locale)('edit.add').join(' ')}
            </button>
          )}
          {isAdmin && editing === undefined && selected && feature && (
            <button type="button" data-testid="camera-edit" onClick={() => setEditing(selected)}>
              {cameraEditText(ctx.locale)('edit.edit').join(' ')}
            </button>
          )}
          {coverage && (
            <button type="button" data-testid="coverage-clear" onClick={() => setCoverage(null)}>
              {t('coverage.clear')}
            </button>
          )}
        </div>
        {coverage && (
          <p className="coverage-facts" data-testid="coverage-facts">
            {coverage.name ?? coverage.cameraId} · {t('coverage.area')} {Math.round(coverage.areaM2).toLocaleString('zh-CN')} m² · {distanceLabel(coverage.rangeM)} · {t('coverage.occluded')} {coverage.occludedRays}/{coverage.rays}
          </p>
        )}
        {isAdmin && editing !== undefined && (editing === null || cams.features.has(editing)) && (
          <CameraEditForm
            key={`edit:${editing ?? 'new'}`}
            client={ctx.client}
            locale={ctx.locale}
            feature={editing === null ? null : cams.features.get(editing)!}
            district={ctx.layers.find((l) => l.id === 'boundary')?.bbox ?? null}
            mapClick={ctx.mapClick}
            onSaved={(c) => {
              setEditing(undefined);
              setSelected(c.externalId);
            }}
            onDeleted={() => {
              setEditing(undefined);
              setSelected(null);
            }}
            onCancel={() => setEditing(undefined)}
          />
        )}
        {camera && <VideoPanel key={camera.id} camera={camera} locale={ctx.locale} onClose={() => setSelected(null)} onToWall={toWall} player={player} />}
        {seeing && <CameraSeeingList locale={ctx.locale} result={seeing} onSelect={(id) => select(id, false)} onClear={() => setSeeing(null)} />}
        <details className="camera-filter-box" open>
          <summary>
            {t('filter.title')} <small data-testid="camera-filter-count">{`${shown.length} / ${cams.records.length} ${t('filter.shown')}`}</small>
          </summary>
          <CameraFilters locale={ctx.locale} filter={filter} options={options} onChange={setFilter} />
        </details>
        <CameraList locale={ctx.locale} cameras={shown} selected={selected} onSelect={(id) => select(id, true)} />
        <CameraHealthSummary client={ctx.client} locale={ctx.locale} />
      </section>
      {wallOpen && (
        <div className="camera-wall-overlay" data-testid="camera-wall-overlay">
          <VideoWall key={wallKey} locale={ctx.locale} layoutStore={store} cameras={wallCameras} onClose={() => setWallOpen(false)} player={player} />
        </div>
      )}
    </>
  );
}
