/**
 * Where the data says flow stops (the rule the trace follows, documented here once):
 *
 * 1. A node or pipe whose `props` JSON has a state key (gate, gate_state, gate_status, valve, valve_state,
 *    valve_status, status, state, pump_state, pump_status, operation, 闸门, 闸门状态, 阀门, 阀门状态, 状态, 运行状态)
 *    with a closed/stopped value (closed, close, shut, off, stopped, stop, out_of_service, plugged, blocked,
 *    关, 关闭, 闭, 停, 停运, 停用, 停机, 封堵) — a closed gate or valve, a stopped pump, a plugged pipe.
 * 2. A node or pipe whose props say `closed`, `barrier`, `plugged` or `封堵` is true.
 * 3. With `stopAtPumps` (off by default) every node whose node_type is 'pump': the lifted flow enters a rising
 *    main that some data sets model as a separate system. Without it a running pump passes flow on, as in the
 *    demo pack, where a pump station lifts a deep gravity sewer back to shallow depth.
 *
 * A barrier node is reached (listed in the result) but not passed; a barrier pipe is not entered. Both are listed
 * in `stoppedAt` with the reason. The start of a trace is never a barrier to itself.
 */
const stateKeys = new Set([
  'gate',
  'gate_state',
  'gate_status',
  'valve',
  'valve_state',
  'valve_status',
  'status',
  'state',
  'pump_state',
  'pump_status',
  'operation',
  '闸门',
  '闸门状态',
  '阀门',
  '阀门状态',
  '状态',
  '运行状态',
]);
const closedValues = new Set(['closed', 'close', 'shut', 'off', 'stopped', 'stop', 'out_of_service', 'plugged', 'blocked', '关', '关闭', '闭', '停', '停运', '停用', '停机', '封堵']);
const flagKeys = new Set(['closed', 'barrier', 'plugged', '封堵']);
/** Cheap pre-filter so that props without any such word are never parsed. */
const mayMatch = /clos|shut|off|stop|out_of_service|plug|block|barrier|关|闭|停|封堵/i;

/** The reason a props JSON makes this feature a barrier ("gate_state=closed"), or null. Bad JSON is no barrier. */
export function barrierFromProps(props: string | null | undefined): string | null {
  if (!props || !mayMatch.test(props)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(props);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const k = key.trim().toLowerCase();
    if (stateKeys.has(k) && typeof value === 'string' && closedValues.has(value.trim().toLowerCase())) return `${key}=${value}`;
    if (flagKeys.has(k) && (value === true || value === 1 || value === 'true')) return `${key}=true`;
  }
  return null;
}
