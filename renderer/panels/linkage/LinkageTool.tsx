import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { LinkageResultInfo } from '../../../preload/contract';
import type { ToolContext } from '../../app/toolContext';
import { severityColour } from '../../layers/floodStations/floodStationsStyle';

const text = {
  'zh-CN': {
    title: '联动分析',
    radius: '半径',
    cameras: '可视摄像机',
    trace: '排水管网追溯',
    stations: '周边站点',
    facilities: '周边设施',
    none: '无',
    close: '关闭',
    downstream: '下游',
    upstream: '上游',
    pipes: '段',
    outfalls: '排放口',
    nearest: '最近节点',
    loading: '分析中…',
    categories: { school: '学校', hospital: '医院', shelter: '避难场所', hazmat: '危化品场所', gas_station: '加油站', other: '其他' } as Record<string, string>,
  },
  en: {
    title: 'Linkage analysis',
    radius: 'Radius',
    cameras: 'Cameras that see it',
    trace: 'Drainage trace',
    stations: 'Stations nearby',
    facilities: 'Facilities nearby',
    none: 'none',
    close: 'Close',
    downstream: 'downstream',
    upstream: 'upstream',
    pipes: 'pipes',
    outfalls: 'outfalls',
    nearest: 'nearest node',
    loading: 'analysing…',
    categories: { school: 'Schools', hospital: 'Hospitals', shelter: 'Shelters', hazmat: 'Hazardous sites', gas_station: 'Gas stations', other: 'Other' } as Record<string, string>,
  },
};

/**
 * 决策分析: one place (an alarm's station, an incident) seen from every domain at once — the cameras that can see it,
 * the drainage trace from the nearest manhole (highlighted on the map), the stations nearby with their readings and the
 * facilities within the radius by category. Each part says why when its data is absent.
 */
export function LinkageTool({ ctx }: { ctx: ToolContext }) {
  const target = ctx.linkage ?? null;
  const t = text[ctx.locale === 'zh-CN' ? 'zh-CN' : 'en'];
  const [radius, setRadius] = useState(1000);
  const [result, setResult] = useState<LinkageResultInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { client } = ctx;
  // The latest context for effects that must run only when the place or the radius changes.
  const latest = useRef(ctx);
  latest.current = ctx;

  useEffect(() => {
    if (!target) return;
    let live = true;
    setResult(null);
    client
      .call('linkage.analyze', { lon: target.lon, lat: target.lat, radiusM: radius })
      .then((r) => {
        if (!live) return;
        setResult(r);
        setError(null);
        if (r.drainage.available) {
          latest.current.setLayerLive('drainagePipes', { highlight: { pipeIds: [...r.drainage.data.downstream.pipeIds, ...r.drainage.data.upstream.pipeIds] } });
        }
      })
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    latest.current.focus({ lon: target.lon, lat: target.lat, height: 3000 });
    return () => {
      live = false;
    };
  }, [client, target, radius]);

  if (!target) return null;
  const close = () => {
    ctx.setLayerLive('drainagePipes', { highlight: null });
    ctx.openLinkage?.(null);
  };
  return (
    <section className="panel linkage-panel" data-testid="linkage-panel" aria-label={t.title}>
      <header className="panel-head">
        <h2>
          {t.title} <small>{target.title}</small>
        </h2>
        <label>
          {t.radius}{' '}
          <select data-testid="linkage-radius" value={radius} onChange={(e) => setRadius(Number(e.target.value))}>
            {[500, 1000, 2000, 5000].map((r) => (
              <option key={r} value={r}>
                {r} m
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="small" onClick={close} data-testid="linkage-close">
          {t.close}
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!result && !error && <p className="muted">{t.loading}</p>}
      {result && (
        <div className="linkage-grid">
          <Part title={t.cameras} testId="linkage-cameras" part={result.cameras} count={(d) => d.length} none={t.none}>
            {(d) => (
              <ol>
                {d.slice(0, 6).map((c) => (
                  <li key={c.cameraId}>
                    {c.name ?? c.cameraId} · {c.distanceM} m
                  </li>
                ))}
              </ol>
            )}
          </Part>
          <Part title={t.trace} testId="linkage-trace" part={result.drainage} count={(d) => d.downstream.pipeCount + d.upstream.pipeCount} none={t.none}>
            {(d) => (
              <ul>
                <li>
                  {t.nearest} {d.node.id} · {d.node.distanceM} m
                </li>
                <li>
                  {t.downstream} {d.downstream.pipeCount} {t.pipes} · {(d.downstream.totalLengthM / 1000).toFixed(2)} km · {t.outfalls} {d.downstream.outfalls.join(', ') || '—'}
                </li>
                <li>
                  {t.upstream} {d.upstream.pipeCount} {t.pipes} · {(d.upstream.totalLengthM / 1000).toFixed(2)} km
                </li>
              </ul>
            )}
          </Part>
          <Part title={t.stations} testId="linkage-stations" part={result.stations} count={(d) => d.length} none={t.none}>
            {(d) => (
              <ol>
                {d.slice(0, 5).map((s) => (
                  <li key={s.stationId}>
                    {s.level && <span className="sev-chip" style={{ background: severityColour[s.severity] }}>{s.level}</span>} {s.name ?? s.stationId} ·{' '}
                    {s.value === null ? '—' : `${s.value.toFixed(2)} ${s.unit ?? ''}`} · {s.distanceM} m
                  </li>
                ))}
              </ol>
            )}
          </Part>
          <Part title={t.facilities} testId="linkage-facilities" part={result.facilities} count={(d) => d.items.length} none={t.none}>
            {(d) => (
              <ul className="facility-counts">
                {Object.entries(d.counts).map(([k, n]) => (
                  <li key={k} data-category={k}>
                    {t.categories[k] ?? k} <strong>{n}</strong>
                  </li>
                ))}
              </ul>
            )}
          </Part>
        </div>
      )}
    </section>
  );
}

function Part<T>({
  title,
  testId,
  part,
  count,
  none,
  children,
}: {
  title: string;
  testId: string;
  part: { available: true; data: T } | { available: false; reason: string };
  count(d: T): number;
  none: string;
  children(d: T): ReactNode;
}) {
  return (
    <section className="linkage-part" data-testid={testId} data-available={String(part.available)} data-count={part.available ? count(part.data) : 0}>
      <h3>
        {title} <strong>{part.available ? count(part.data) : 0}</strong>
      </h3>
      {part.available ? (count(part.data) > 0 ? children(part.data) : <p className="muted">{none}</p>) : <p className="muted">{part.reason}</p>}
    </section>
  );
}
