import { useEffect, useRef, useState } from 'react';
import type { ToolContext } from '../../app/toolContext';
import { DRAINAGE_DEFECTS_KIND, type DefectMark, type DrainageDefectsLive, type PlacedMark } from '../../layers/drainageDefects';
import { pipeColourModes, pipeLegend, type PipeColourMode, type PipeGrades } from '../../layers/drainagePipes/drainagePipesStyle';
import type { DrainageHighlight, DrainagePipesLive } from '../../layers/drainagePipes/pipeHighlight';
import './drainageTool.css';
import { DrainageSelection, type Selection } from './DrainageSelection';
import { drainageText, type DrainageTextKey } from './drainageText';
import type { DrainageFeature } from './loadDrainageFeature';
import { TopologyCheckList, type TopologyFinding } from './TopologyCheckList';
import { WorstPipesTable } from './WorstPipesTable';

const kindOf = { drainagePipes: 'pipe', drainageNodes: 'node' } as const;
const FINDING_COLOUR = '#ff3b30';
/** Camera height (m above the ellipsoid) for a finding, whose elevation is not known: above the urban valley floor. */
const FINDING_HEIGHT = 800;
/** The camera goes this far (m) above a defect mark chosen from the list (where the overlay drew it). */
const DEFECT_VIEW_M = 60;
/** The overlay's layer id: MapView names overlays `overlay_<kind>`; its picks come with that id (and no kind). */
const DEFECTS_OVERLAY_ID = `overlay_${DRAINAGE_DEFECTS_KIND.toLowerCase()}`;

/**
 * 排水管网 workbench: underground mode, colour-by, the picked pipe or node (attributes, neighbours, condition, trace,
 * profile), the topology check and the worst pipes. Talks to the map only through the ToolContext.
 */
export function DrainageTool({ ctx }: { ctx: ToolContext }) {
  const t = drainageText(ctx.locale);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [colourBy, setColourBy] = useState<PipeColourMode>('network');
  const [grades, setGrades] = useState<Record<string, PipeGrades>>({});
  const [highlight, setHighlight] = useState<DrainageHighlight | null>(null);
  const [defectMarks, setDefectMarks] = useState<{ pipeId: string; marks: DefectMark[] } | null>(null);
  const [defectId, setDefectId] = useState<number | null>(null);
  /** A manhole chosen as the start of a profile between two manholes. */
  const [profileStart, setProfileStart] = useState<string | null>(null);
  /** Where the overlay drew the marks (rendered heights): the camera target when a defect is chosen in the list. */
  const placed = useRef<PlacedMark[]>([]);
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const seq = useRef(0);

  const layerIdOf = (kind: 'pipe' | 'node') => ctx.layers.find((l) => l.kind === (kind === 'pipe' ? 'drainagePipes' : 'drainageNodes'))?.id ?? (kind === 'pipe' ? 'drainage_pipes' : 'drainage_nodes');
  const select = (kind: 'pipe' | 'node', id: string, focus: boolean) => setSelection({ kind, id, layerId: layerIdOf(kind), focus, seq: ++seq.current });

  // A click on a pipe or node on the map selects it; a click on a defect mark shows that defect.
  useEffect(() => {
    const p = ctx.pick;
    if (!p) return;
    if (p.layerId === DEFECTS_OVERLAY_ID || p.kind === DRAINAGE_DEFECTS_KIND) {
      const id = Number(p.featureId);
      if (Number.isInteger(id)) setDefectId(id);
      return;
    }
    if (!(p.kind in kindOf)) return;
    setSelection({ kind: kindOf[p.kind as keyof typeof kindOf], id: p.featureId, layerId: p.layerId, seq: ++seq.current });
  }, [ctx.pick?.seq]);

  // Another pipe (or none): no defect is shown.
  useEffect(() => setDefectId(null), [selection?.kind, selection?.id]);

  // The defects overlay: the inspected pipe's marks and the selected one; nothing once the panel closes.
  useEffect(() => {
    const live: DrainageDefectsLive | null = defectMarks ? { ...defectMarks, selectedId: defectId, onPlaced: (p) => (placed.current = p) } : null;
    ctxRef.current.setLayerLive(DRAINAGE_DEFECTS_KIND, live);
  }, [defectMarks, defectId]);
  useEffect(() => () => ctxRef.current.setLayerLive(DRAINAGE_DEFECTS_KIND, null), []);

  // The map's share of the state: colour-by, grades, highlight.
  useEffect(() => {
    const live: DrainagePipesLive = { colourBy, grades, highlight };
    ctxRef.current.setLayerLive('drainagePipes', live);
    ctxRef.current.setLayerLive('drainageNodes', { highlight });
  }, [colourBy, grades, highlight]);

  // RI / MI grades for colouring come from the inspected pipes.
  useEffect(() => {
    if (colourBy !== 'ri' && colourBy !== 'mi') return;
    let live = true;
    ctx.client
      .call('drainage.worstPipes', { limit: 1000, by: colourBy === 'ri' ? 'RI' : 'MI' })
      .then((r) => live && setGrades(Object.fromEntries(r.pipes.map((p) => [p.pipeId, { ri: p.repairGrade, mi: p.maintenanceGrade }]))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ctx.client, colourBy]);

  const located = (f: DrainageFeature) => {
    if (!f.position) return;
    // Focus heights are above the ellipsoid: stay a few hundred metres over the feature's own elevation.
    const elev = [f.properties.ground_elev, f.properties.up_invert, f.properties.down_invert].find((v): v is number => typeof v === 'number');
    ctx.focus({ lon: f.position[0], lat: f.position[1], height: (elev ?? FINDING_HEIGHT - 400) + 400, layerKind: f.kind === 'pipe' ? 'drainagePipes' : 'drainageNodes', featureId: f.id });
  };
  /** A defect chosen in the list or strip: shown with its photo, and the map flies to its mark. */
  const onDefect = (id: number) => {
    setDefectId(id);
    const mark = defectMarks?.marks.find((m) => m.id === id);
    if (!mark) return;
    const drawn = placed.current.find((p) => p.id === id);
    // Where the overlay drew it (rendered height); before that, the true invert as the pipes' `located` does.
    const height = drawn?.height != null ? drawn.height + DEFECT_VIEW_M : (mark.invert ?? FINDING_HEIGHT - 400) + 400;
    ctx.focus({ lon: mark.lon, lat: mark.lat, height });
  };
  const onFinding = (f: TopologyFinding) => {
    setHighlight({ pipeIds: f.pipeId ? [f.pipeId] : [], nodeIds: f.nodeId ? [f.nodeId] : [], colour: FINDING_COLOUR });
    if (f.location) {
      ctx.focus({ lon: f.location[0], lat: f.location[1], height: FINDING_HEIGHT, layerKind: f.pipeId ? 'drainagePipes' : 'drainageNodes', featureId: f.pipeId ?? f.nodeId ?? undefined });
    }
  };

  const ug = ctx.underground;
  return (
    <section className="panel drainage-tool" data-testid="drainage-tool" aria-label={t('tool.title')}>
      <header className="panel-head">
        <h2>
          {t('tool.title')} <small>{t('tool.titleEn')}</small>
        </h2>
      </header>
      <div className="drainage-controls">
        <label className="toggle">
          <input type="checkbox" checked={ug.enabled} data-testid="underground-toggle" onChange={(e) => ctx.setUnderground({ ...ug, enabled: e.target.checked })} />
          {t('underground.toggle')}
        </label>
        <label className="alpha">
          {t('underground.alpha')} {Math.round(ug.alpha * 100)}%
          <input
            type="range"
            min={0.05}
            max={1}
            step={0.05}
            value={ug.alpha}
            disabled={!ug.enabled}
            data-testid="underground-alpha"
            onChange={(e) => ctx.setUnderground({ ...ug, alpha: Number(e.target.value) })}
          />
        </label>
        <label className="colour-by">
          {t('colourBy.label')}
          <select value={colourBy} data-testid="colour-by" onChange={(e) => setColourBy(e.target.value as PipeColourMode)}>
            {pipeColourModes.map((m) => (
              <option key={m} value={m}>
                {t(`colourBy.${m}` as DrainageTextKey)}
              </option>
            ))}
          </select>
        </label>
        <ul className="legend" data-testid="colour-legend">
          {pipeLegend(colourBy).map((e) => (
            <li key={e.zh}>
              <span className="swatch" style={{ background: e.colour }} />
              {ctx.locale === 'zh-CN' ? e.zh : e.en}
            </li>
          ))}
        </ul>
      </div>
      {selection ? (
        <DrainageSelection
          client={ctx.client}
          locale={ctx.locale}
          selection={selection}
          onSelect={(kind, id) => select(kind, id, true)}
          onHighlight={setHighlight}
          onLocated={located}
          onClose={() => {
            setSelection(null);
            setHighlight(null);
            setDefectMarks(null);
          }}
          selectedDefectId={defectId}
          onSelectDefect={onDefect}
          onDefectMarks={setDefectMarks}
          profileStart={profileStart}
          onProfileStart={setProfileStart}
        />
      ) : (
        <p className="muted">{t('pick.hint')}</p>
      )}
      <TopologyCheckList client={ctx.client} locale={ctx.locale} onFinding={onFinding} />
      <WorstPipesTable client={ctx.client} locale={ctx.locale} onSelect={(id) => select('pipe', id, true)} />
    </section>
  );
}
