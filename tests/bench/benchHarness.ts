// Benchmarks: timed here, never in unit tests. Each row is measured next to its baseline in the same run.
import { performance } from 'node:perf_hooks';

export interface Row {
  name: string;
  value: number;
  baselineName: string;
  baseline: number;
  unit: string;
  /** Human-readable goal, e.g. 'ratio <= 0.1' or '>= 50 % of baseline'. */
  goal: string;
  pass: boolean;
}

/** Median wall time in ms of fn over `runs` runs after `warmup` runs. */
export function medianMs(fn: () => unknown, runs = 15, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function printTable(rows: Row[]): void {
  const head = ['benchmark', 'value', 'baseline', 'baseline value', 'ratio', 'goal', 'ok'];
  const fmt = (v: number) => (v >= 1000 ? Math.round(v).toLocaleString('en') : v.toFixed(3));
  const body = rows.map((r) => [r.name, `${fmt(r.value)} ${r.unit}`, r.baselineName, `${fmt(r.baseline)} ${r.unit}`, (r.value / r.baseline).toFixed(3), r.goal, r.pass ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}
