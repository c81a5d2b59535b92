import type { MethodOutput } from '../../../preload/contract';
import type { DrainageHighlight } from '../../layers/drainagePipes/pipeHighlight';

export type TraceResult = MethodOutput<'drainage.trace'>;

/** Highlight colour per trace direction: downstream cyan-yellow, upstream magenta, connected green. */
export const traceColour: Record<TraceResult['direction'], string> = { down: '#fff200', up: '#ff4dd2', connected: '#3dff8b' };

/** Pure: what the map highlights for a trace result (pipes and nodes, in the direction's colour). */
export function traceHighlight(r: TraceResult): DrainageHighlight {
  return { pipeIds: r.pipeIds, nodeIds: r.nodeIds, colour: traceColour[r.direction] };
}

/** Pure: a length for the wall: metres below 1 km, km with two decimals above. */
export function formatLength(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(2)} km` : `${m.toFixed(1)} m`;
}
