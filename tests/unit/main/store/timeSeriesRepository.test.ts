import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../../main/store/openStore';
import { TimeSeriesRepository, type TsPoint } from '../../../../main/store/timeSeriesRepository';
import { tempDir } from '../../../helpers/tempStore';

let store: Store;
let cleanup: () => void;
let repo: TimeSeriesRepository;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 's.gpkg'));
  repo = new TimeSeriesRepository(store.db);
  repo.ensureStream({ id: 's1', name: 'stage', unit: 'm', stationId: 'st1', element: 'Z', source: 'test' });
});
afterEach(() => {
  store.close();
  cleanup();
});

const T0 = Date.UTC(2026, 6, 1);
const MIN5 = 5 * 60_000;
/** The min and max point of each of `buckets` equal time buckets of [from, to], computed from raw points. */
function minMaxReference(raw: TsPoint[], from: number, to: number, buckets: number): TsPoint[] {
  const ref = new Map<number, { lo: TsPoint; hi: TsPoint }>();
  for (const p of raw) {
    const b = Math.floor(((p.ts - from) * buckets) / (to - from + 1));
    const cur = ref.get(b);
    if (!cur) ref.set(b, { lo: p, hi: p });
    else {
      if (p.value < cur.lo.value) cur.lo = p;
      if (p.value > cur.hi.value) cur.hi = p;
    }
  }
  return [...ref.keys()]
    .sort((a, b) => a - b)
    .flatMap((b) => {
      const { lo, hi } = ref.get(b)!;
      return lo.ts === hi.ts ? [lo] : lo.ts < hi.ts ? [lo, hi] : [hi, lo];
    });
}

const count = () => (store.db.prepare(`SELECT count(*) AS n FROM ts_observations WHERE stream_id = 's1'`).get() as { n: number }).n;

describe('TimeSeriesRepository', () => {
  it('upsert is idempotent: a re-sent point updates, never duplicates', () => {
    const pts = [0, 1, 2].map((i) => ({ ts: T0 + i * MIN5, value: i }));
    expect(repo.upsert('s1', pts)).toEqual({ written: 3, inserted: 3, updated: 0 });
    expect(repo.upsert('s1', pts)).toEqual({ written: 3, inserted: 0, updated: 3 });
    expect(repo.upsert('s1', [{ ts: T0 + MIN5, value: 9 }])).toMatchObject({ inserted: 0, updated: 1 });
    expect(count()).toBe(3);
    expect(repo.range('s1', T0, T0 + 10 * MIN5).map((p) => p.value)).toEqual([0, 9, 2]);
  });

  it('late data lands in time order; latest, freshness and stream.lastTs follow the newest time', () => {
    repo.upsert('s1', [{ ts: T0 + 2 * MIN5, value: 2 }]);
    repo.upsert('s1', [{ ts: T0, value: 0 }]);
    repo.upsert('s1', [{ ts: T0 + MIN5, value: 1 }]);
    expect(repo.range('s1', T0, T0 + 2 * MIN5)).toEqual([
      { ts: T0, value: 0 },
      { ts: T0 + MIN5, value: 1 },
      { ts: T0 + 2 * MIN5, value: 2 },
    ]);
    expect(repo.latest('s1')).toEqual({ ts: T0 + 2 * MIN5, value: 2 });
    expect(repo.stream('s1')?.lastTs).toBe(T0 + 2 * MIN5);
    expect(repo.freshness('st1')).toBe(T0 + 2 * MIN5);
    expect(repo.freshness('nobody')).toBeNull();
    expect(repo.freshnessAll()).toEqual([{ stationId: 'st1', lastTs: T0 + 2 * MIN5 }]);
    expect(repo.latest('empty')).toBeNull();
  });

  it('refuses bad points before writing anything (one transaction)', () => {
    expect(() => repo.upsert('s1', [{ ts: T0, value: 1 }, { ts: T0 + 1, value: Number.NaN }])).toThrow(/finite/);
    expect(() => repo.upsert('s1', [{ ts: 1.5, value: 1 }])).toThrow(/integer/);
    expect(count()).toBe(0);
  });

  it('downsample keeps each bucket min and max on a year of 5-minute data and returns ≤ maxPoints', () => {
    const n = 105_120;
    const pts: TsPoint[] = [];
    // Seasonal wave + daily wave + a few sharp spikes / dips.
    for (let i = 0; i < n; i++) {
      let v = 100 + 5 * Math.sin((2 * Math.PI * i) / n) + Math.sin((2 * Math.PI * i) / 288);
      if (i % 9973 === 17) v += 50;
      if (i % 12_007 === 5) v -= 40;
      pts.push({ ts: T0 + i * MIN5, value: Math.round(v * 1000) / 1000 });
    }
    repo.upsert('s1', pts);
    expect(count()).toBe(n);
    const from = T0;
    const to = T0 + (n - 1) * MIN5;
    for (const maxPoints of [1000, 777, 2]) {
      const t = performance.now();
      const out = repo.downsample('s1', from, to, maxPoints);
      expect(performance.now() - t).toBeLessThan(2000);
      expect(out.length).toBeLessThanOrEqual(maxPoints);
      for (let i = 1; i < out.length; i++) expect(out[i]!.ts).toBeGreaterThan(out[i - 1]!.ts);
      // Same bucketing as the repository: ⌊maxPoints/2⌋ equal time buckets.
      const buckets = Math.floor(maxPoints / 2);
      const mins = new Map<number, number>();
      const maxs = new Map<number, number>();
      for (const p of pts) {
        const b = Math.floor(((p.ts - from) * buckets) / (to - from + 1));
        mins.set(b, Math.min(mins.get(b) ?? Infinity, p.value));
        maxs.set(b, Math.max(maxs.get(b) ?? -Infinity, p.value));
      }
      const outByBucket = new Map<number, number[]>();
      for (const p of out) {
        const b = Math.floor(((p.ts - from) * buckets) / (to - from + 1));
        outByBucket.set(b, [...(outByBucket.get(b) ?? []), p.value]);
      }
      expect(outByBucket.size).toBe(mins.size);
      for (const [b, vs] of outByBucket) {
        expect(vs).toContain(mins.get(b));
        expect(vs).toContain(maxs.get(b));
      }
      const values = out.map((p) => p.value);
      expect(Math.max(...values)).toBe(Math.max(...pts.map((p) => p.value)));
      expect(Math.min(...values)).toBe(Math.min(...pts.map((p) => p.value)));
    }
    // A range that fits is returned raw.
    expect(repo.downsample('s1', from, from + 9 * MIN5, 100)).toHaveLength(10);
    expect(() => repo.downsample('s1', from, to, 1)).toThrow(RangeError);
  }, 20_000);

  it('hourly rollups follow replaced values: a lowered peak is no longer drawn, the rollup path equals the raw one', () => {
    const repo = new TimeSeriesRepository(store.db);
    repo.ensureStream({ id: 'r', source: 'test' });
    const pts = Array.from({ length: 30 * 288 }, (_, i) => ({ ts: T0 + i * MIN5 + 17_000, value: Math.round(Math.sin(i / 37) * 1000 + ((i * 7919) % 113)) / 100 }));
    repo.upsert('r', pts);
    const peak = pts.reduce((a, b) => (b.value > a.value ? b : a));
    repo.upsert('r', [{ ts: peak.ts, value: -50 }]);
    const from = T0 + 12_345;
    const to = T0 + 30 * 86_400_000 - 999;
    const rolled = repo.downsample('r', from, to, 200); // 100 buckets of ~7.2 h: rollup path
    expect(rolled.some((p) => p.ts === peak.ts && p.value === -50)).toBe(true);
    expect(rolled.some((p) => p.value === peak.value && p.ts === peak.ts)).toBe(false);
    expect(rolled).toEqual(minMaxReference(repo.range('r', from, to), from, to, 100));
  });

  it('a live feed in bursts rolls each hour up once it is complete; late points fix their hour; charts equal the raw reference', () => {
    const live = new TimeSeriesRepository(store.db);
    for (const id of ['a', 'b']) live.ensureStream({ id, stationId: `st-${id}`, source: 'test' });
    const valueAt = (id: string, i: number) => Math.round((Math.sin(i / (id === 'a' ? 13 : 29)) * 100 + ((i * 7919) % 17)) * 100) / 100;
    // 3 days of 5-minute reports from two streams, one burst per tick (as the SL651 receiver stores them).
    const n = 3 * 288;
    for (let i = 0; i < n; i++) {
      live.batch(() => {
        for (const id of ['a', 'b']) live.upsert(id, [{ ts: T0 + i * MIN5, value: valueAt(id, i) }]);
      });
    }
    // Late points land in old hours, one of them a new extreme.
    live.batch(() => {
      live.upsert('a', [{ ts: T0 + 100 * MIN5 + 60_000, value: 999 }]);
      live.upsert('a', [{ ts: T0 + 7 * MIN5, value: -999 }]);
    });
    const newestHour = Math.floor((T0 + (n - 1) * MIN5) / 3_600_000) * 3_600_000;
    const rows = store.db.prepare(`SELECT stream_id AS s, hour, n, min_v AS lo, max_v AS hi FROM ts_rollup_hour WHERE stream_id IN ('a', 'b') ORDER BY s, hour`).all() as { s: string; hour: number; n: number; lo: number; hi: number }[];
    expect(rows.filter((r) => r.hour === newestHour)).toEqual([]);
    expect(rows).toHaveLength(2 * (n / 12 - 1));
    for (const r of rows) {
      const pts = live.range(r.s, r.hour, r.hour + 3_599_999);
      expect({ n: r.n, lo: r.lo, hi: r.hi }).toEqual({ n: pts.length, lo: Math.min(...pts.map((p) => p.value)), hi: Math.max(...pts.map((p) => p.value)) });
    }
    for (const id of ['a', 'b']) {
      const from = T0 + 1234;
      const to = T0 + n * MIN5 + 999;
      // 10 buckets of ~7.2 h: the rollup path, with the newest hour read raw.
      expect(live.downsample(id, from, to, 20)).toEqual(minMaxReference(live.range(id, from, to), from, to, 10));
    }
    expect(live.stream('a')?.lastTs).toBe(T0 + (n - 1) * MIN5);
    expect(live.freshness('st-b')).toBe(T0 + (n - 1) * MIN5);
  });

  it('a rolled-back batch leaves nothing behind, in the store or in what the repository remembers', () => {
    repo.upsert('s1', [{ ts: T0, value: 1 }]);
    expect(() =>
      repo.batch(() => {
        repo.ensureStream({ id: 'ghost', source: 'test' });
        repo.upsert('s1', [{ ts: T0 + MIN5, value: 2 }]);
        expect(repo.latest('s1')).toEqual({ ts: T0 + MIN5, value: 2 });
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(count()).toBe(1);
    expect(repo.stream('ghost')).toBeNull();
    expect(repo.batch(() => [repo.latest('s1'), repo.before('s1', T0 + 10 * MIN5), repo.stream('s1')?.lastTs])).toEqual([{ ts: T0, value: 1 }, { ts: T0, value: 1 }, T0]);
  });

  it('what one repository remembers between transactions gives way to writes by another one', () => {
    const other = new TimeSeriesRepository(store.db);
    repo.batch(() => repo.upsert('s1', [{ ts: T0, value: 1 }]));
    expect(repo.batch(() => repo.latest('s1'))).toEqual({ ts: T0, value: 1 });
    other.upsert('s1', [{ ts: T0 + MIN5, value: 5 }]);
    other.ensureStream({ id: 's1', name: 'renamed', source: 'test' });
    expect(repo.batch(() => [repo.latest('s1'), repo.before('s1', T0 + 2 * MIN5), repo.stream('s1')?.name])).toEqual([
      { ts: T0 + MIN5, value: 5 },
      { ts: T0 + MIN5, value: 5 },
      'renamed',
    ]);
    // Plain SQL in a caller's transaction (an import) also invalidates it.
    store.db.transaction(() => {
      other.upsert('s1', [{ ts: T0 + 2 * MIN5, value: 7 }]);
    })();
    expect(repo.batch(() => repo.latest('s1'))).toEqual({ ts: T0 + 2 * MIN5, value: 7 });
  });
});

