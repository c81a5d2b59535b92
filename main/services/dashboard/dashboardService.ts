import type Database from 'better-sqlite3';
import type { CameraHealth } from '../analysis/cameraHealth';
import type { DrainageService } from '../drainage/drainageService';
import type { MonitoringService } from '../monitoring/monitoringService';
import { stationsLive } from '../monitoring/stationsLive';

const HOUR = 3_600_000;

export interface DashboardSummary {
  at: number;
  alarms: { bySeverity: Record<string, number>; total: number; unacknowledged: number; lastChange: number | null };
  incidents: { byStatus: Record<string, number>; open: number; lastChange: number | null };
  stations: {
    total: number;
    reporting: number;
    /** Newest observation over all stations. */
    lastReport: number | null;
    /** The stage station closest to (or farthest above) its warning line. */
    nearestWarning: { stationId: string; name: string | null; value: number; warning: number; margin: number; unit: string | null; ts: number | null } | null;
  };
  rain: { max1h: number; max24h: number; mean24h: number; gauges: number; hourly: { ts: number; mean: number; max: number }[]; lastReport: number | null };
  cameras: { total: number; online: number; onlinePct: number | null };
  drainage: { pipes: number; errors: number; warnings: number; checkedAt: number | null };
}

/**
 * The wall's KPI tiles in one read: active alarms by severity, open incidents by state, station reports and the level
 * nearest its warning line, rainfall (max 1 h / 24 h, hourly district mean and max), cameras online, drainage network
 * findings. Aggregates only — no personal data — so the wall can show it without signing in. Each part carries the
 * time its data last changed so the tile can turn stale. The drainage topology check is cached for 10 minutes.
 */
export class DashboardService {
  private drainageCache: { at: number; errors: number; warnings: number; pipes: number } | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly deps: { monitoring: MonitoringService; cameras: CameraHealth | null; drainage: DrainageService },
  ) {}

  summary(now: number = Date.now()): DashboardSummary {
    const m = this.deps.monitoring;
    const open = m.alarms({ open: true });
    const bySeverity: Record<string, number> = {};
    for (const a of open) bySeverity[String(a.severity)] = (bySeverity[String(a.severity)] ?? 0) + 1;
    const lastAlarm = (this.db.prepare(`SELECT max(updated_at) AS t FROM mon_alarms`).get() as { t: number | null }).t;

    const byStatus: Record<string, number> = {};
    let openIncidents = 0;
    for (const r of this.db.prepare(`SELECT status, count(*) AS n FROM inc_incidents GROUP BY status`).all() as { status: string; n: number }[]) {
      byStatus[r.status] = r.n;
      if (r.status !== 'closed') openIncidents += r.n;
    }
    const lastIncident = (this.db.prepare(`SELECT max(updated_at) AS t FROM inc_incidents`).get() as { t: number | null }).t;

    const live = stationsLive(this.db, m, now);
    let nearest: DashboardSummary['stations']['nearestWarning'] = null;
    for (const s of live) {
      if (s.type === 'rain' || s.value === null) continue;
      const warning = s.lines.warning ?? s.lines.floodLimit;
      if (warning === null) continue;
      const margin = Math.round((warning - s.value) * 100) / 100;
      if (!nearest || margin < nearest.margin) nearest = { stationId: s.stationId, name: s.name, value: s.value, warning, margin, unit: s.unit, ts: s.ts };
    }
    const reports = live.map((s) => s.lastReport).filter((t): t is number => t !== null);
    const gauges = live.filter((s) => s.type === 'rain' && s.rain && s.streamId);
    const rainStreams = gauges.map((g) => g.streamId!);
    const hourly = this.rainHourly(rainStreams, now);
    const rainReports = gauges.map((g) => g.ts).filter((t): t is number => t !== null);

    const health = this.deps.cameras?.summary() ?? null;
    return {
      at: now,
      alarms: { bySeverity, total: open.length, unacknowledged: open.filter((a) => a.state === 'active').length, lastChange: lastAlarm },
      incidents: { byStatus, open: openIncidents, lastChange: lastIncident },
      stations: { total: live.length, reporting: live.filter((s) => s.lastReport !== null && now - s.lastReport < 2 * HOUR).length, lastReport: reports.length ? Math.max(...reports) : null, nearestWarning: nearest },
      rain: {
        max1h: Math.max(0, ...gauges.map((g) => g.rain!.h1)),
        max24h: Math.max(0, ...gauges.map((g) => g.rain!.h24)),
        mean24h: gauges.length ? Math.round((gauges.reduce((a, g) => a + g.rain!.h24, 0) / gauges.length) * 10) / 10 : 0,
        gauges: gauges.length,
        hourly,
        lastReport: rainReports.length ? Math.max(...rainReports) : null,
      },
      cameras: health ? { total: health.totals.total, online: health.totals.online, onlinePct: health.totals.onlinePct } : { total: 0, online: 0, onlinePct: null },
      drainage: this.drainageFindings(now),
    };
  }

  /** Hourly rain over the last 24 h: mean over the gauges and the wettest gauge, per clock hour. */
  private rainHourly(streams: string[], now: number): DashboardSummary['rain']['hourly'] {
    const end = Math.floor(now / HOUR) * HOUR + HOUR;
    const start = end - 24 * HOUR;
    const out = Array.from({ length: 24 }, (_, i) => ({ ts: start + i * HOUR, mean: 0, max: 0 }));
    if (streams.length === 0) return out;
    const q = this.db.prepare(`SELECT (ts / 3600000) * 3600000 AS h, total(value) AS v FROM ts_observations WHERE stream_id = ? AND ts >= ? AND ts < ? GROUP BY h`);
    for (const id of streams) {
      for (const r of q.all(id, start, end) as { h: number; v: number }[]) {
        const slot = out[Math.floor((r.h - start) / HOUR)];
        if (!slot) continue;
        slot.mean += r.v / streams.length;
        slot.max = Math.max(slot.max, r.v);
      }
    }
    for (const s of out) {
      s.mean = Math.round(s.mean * 10) / 10;
      s.max = Math.round(s.max * 10) / 10;
    }
    return out;
  }

  private drainageFindings(now: number): DashboardSummary['drainage'] {
    const c = this.drainageCache;
    if (c && now - c.at < 10 * 60_000) return { pipes: c.pipes, errors: c.errors, warnings: c.warnings, checkedAt: c.at };
    try {
      const report = this.deps.drainage.check({});
      const errors = report.findings.filter((f) => f.severity === 'error').length;
      const pipes = (this.db.prepare(`SELECT count(*) AS n FROM drainage_pipes`).get() as { n: number }).n;
      this.drainageCache = { at: now, errors, warnings: report.findings.length - errors, pipes };
      return { pipes, errors, warnings: report.findings.length - errors, checkedAt: now };
    } catch {
      return { pipes: 0, errors: 0, warnings: 0, checkedAt: null };
    }
  }
}
