import { dimColour, pipeColour, type PipeColourMode, type PipeGrades } from './drainagePipesStyle';

/** Pipes (and nodes) to draw attention to: a trace result or a topology finding. */
export interface DrainageHighlight {
  pipeIds: string[];
  nodeIds?: string[];
  /** CSS colour of the highlighted features (default HIGHLIGHT_COLOUR). */
  colour?: string;
}

/** What the drainage workbench hands the pipes layer through setLayerLive('drainagePipes', …). */
export interface DrainagePipesLive {
  colourBy?: PipeColourMode;
  /** CJJ 181 grades by pipe id, for the ri/mi colour modes. */
  grades?: Record<string, PipeGrades>;
  highlight?: DrainageHighlight | null;
}

export const HIGHLIGHT_COLOUR = '#fff200';

/** Reads live data defensively (it comes through an untyped channel). */
export function readPipesLive(data: unknown): Required<DrainagePipesLive> {
  const d = (data && typeof data === 'object' ? data : {}) as DrainagePipesLive;
  const h = d.highlight && Array.isArray(d.highlight.pipeIds) ? d.highlight : null;
  return { colourBy: d.colourBy ?? 'network', grades: d.grades ?? {}, highlight: h };
}

/**
 * Pure: the colour every pipe should have — its colour-by colour, or the highlight colour when highlighted, with the
 * rest dimmed so a trace stands out on the wall.
 */
export function plannedColours(
  pipes: readonly { id: string; props: Record<string, unknown> }[],
  live: Required<DrainagePipesLive>,
  year: number,
): Map<string, string> {
  const hl = live.highlight ? new Set(live.highlight.pipeIds) : null;
  const colour = live.highlight?.colour ?? HIGHLIGHT_COLOUR;
  const out = new Map<string, string>();
  for (const p of pipes) {
    if (hl?.has(p.id)) out.set(p.id, colour);
    else {
      const base = pipeColour(live.colourBy, p.props, live.grades[p.id], year);
      out.set(p.id, hl && hl.size > 0 ? dimColour(base) : base);
    }
  }
  return out;
}

/** Pure: the entries of `next` that differ from `current` (only those instances are touched on the GPU). */
export function changedColours(current: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): [string, string][] {
  const out: [string, string][] = [];
  for (const [id, c] of next) if (current.get(id) !== c) out.push([id, c]);
  return out;
}
