/** Shared shapes of the drainage analysis results (mirrored by preload/contract/drainageMethods.ts). */
export interface Localized {
  zh: string;
  en: string;
}

export type TraceDirection = 'down' | 'up' | 'connected';

export type TraceWarningKind = 'cycle' | 'dangling' | 'dead_end' | 'undeclared_node' | 'missing_invert' | 'missing_length' | 'ambiguous_id';

export interface TraceWarning {
  kind: TraceWarningKind;
  /** Node or pipe ids concerned (at most 20; the message gives the full count). */
  ids: string[];
  message: Localized;
}

export interface TraceStop {
  kind: 'node' | 'pipe';
  id: string;
  /** From the data, e.g. "gate_state=closed" or "node_type=pump". */
  reason: string;
}

export interface TraceResult {
  start: { kind: 'node' | 'pipe'; id: string };
  direction: TraceDirection;
  nodeIds: string[];
  pipeIds: string[];
  pipeCount: number;
  /** Sum of the traced pipes' lengths (length_m, else the geometry's length); pipes with neither are left out and warned. */
  totalLengthM: number;
  outfalls: string[];
  plants: string[];
  pumps: string[];
  storages: string[];
  stoppedAt: TraceStop[];
  warnings: TraceWarning[];
}

export class DrainageError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'BAD_INPUT',
    message: string,
  ) {
    super(message);
    this.name = 'DrainageError';
  }
}

/** "a, b, c … (+n more)" for messages. */
export function listIds(ids: readonly string[], max = 10): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} … (+${ids.length - max})`;
}
