import type { DemoFeature } from './demoPackTypes';
import { chaikin, makePolyline, polylineDistance, polylinePointAt, round, toLonLat, toXY, type Polyline, type XY } from './geoMath';
import { reservoirSites, riverCourses, SOURCE_RIVERS, type ReservoirSite, type RiverCourse } from './maojianGeography';

export interface RiverModel {
  course: RiverCourse;
  line: Polyline;
  /** Bed elevation (m) at a distance along the river from its source. */
  bedAt(along: number): number;
}

export interface ReservoirModel {
  site: ReservoirSite;
  river: RiverModel;
  damAlong: number;
  /** Normal pool level (m). */
  pool: number;
  /** Closed outline in local metres. */
  ring: XY[];
  dam: XY;
  centre: XY;
}

export interface RiverSystem {
  rivers: RiverModel[];
  reservoirs: ReservoirModel[];
  river(id: string): RiverModel;
}

/** Smoothed river courses with bed profiles and the reservoir outlines (seed-independent). */
export function buildRiverSystem(): RiverSystem {
  const rivers: RiverModel[] = [];
  const byId = new Map<string, RiverModel>();
  for (const course of riverCourses) {
    const line = makePolyline(chaikin(course.waypoints.map(([lon, lat]) => toXY(lon, lat)), 3));
    let mouth = course.bedMouth;
    if (mouth === null) {
      const parent = course.joins ? byId.get(course.joins) : undefined;
      if (!parent) throw new Error(`river ${course.id} joins an unknown river`);
      const end = line.pts[line.pts.length - 1] as XY;
      mouth = parent.bedAt(polylineDistance(parent.line, end[0], end[1]).along);
    }
    const bedMouth = mouth;
    const model: RiverModel = {
      course,
      line,
      // Concave long profile: steeper upstream (u^1.5 with u = share of the length still upstream).
      bedAt(along: number): number {
        const u = Math.max(0, Math.min(1, 1 - along / line.length));
        return bedMouth + (course.bedSource - bedMouth) * u * Math.sqrt(u);
      },
    };
    rivers.push(model);
    byId.set(course.id, model);
  }
  const river = (id: string): RiverModel => {
    const r = byId.get(id);
    if (!r) throw new Error(`unknown river ${id}`);
    return r;
  };
  const reservoirs = reservoirSites.map((site) => buildReservoir(site, river(site.river)));
  return { rivers, reservoirs, river };
}

function buildReservoir(site: ReservoirSite, river: RiverModel): ReservoirModel {
  const damAlong = river.line.length * site.damAt;
  const left: XY[] = [];
  const right: XY[] = [];
  const steps = Math.max(8, Math.round(site.length / 50));
  for (let k = 0; k <= steps; k++) {
    const s = damAlong - site.length + (site.length * k) / steps;
    const u = 1 - k / steps; // 1 at the upstream tip, 0 at the dam
    const w = site.halfWidth * (1 - u * u) * (0.8 + 0.2 * (1 - u)) + 8;
    const { p, dir } = polylinePointAt(river.line, s);
    left.push([p[0] - dir[1] * w, p[1] + dir[0] * w]);
    right.push([p[0] + dir[1] * w, p[1] - dir[0] * w]);
  }
  const ring = [...left, ...right.reverse()];
  ring.push(ring[0] as XY);
  const mid = polylinePointAt(river.line, damAlong - site.length * 0.35).p;
  return {
    site,
    river,
    damAlong,
    pool: round(river.bedAt(damAlong) + site.damHeight, 2),
    ring,
    dam: polylinePointAt(river.line, damAlong).p,
    centre: mid,
  };
}

function lonLatCoords(pts: XY[]): number[][] {
  return pts.map(([x, y]) => {
    const [lon, lat] = toLonLat(x, y);
    return [round(lon, 6), round(lat, 6)];
  });
}

export function riverFeatures(system: RiverSystem): DemoFeature[] {
  return system.rivers.map((r) => ({
    external_id: `river-${r.course.id}`,
    name: r.course.name,
    geometry: { type: 'MultiLineString', coordinates: [lonLatCoords(r.line.pts)] },
    columns: { demo: 0 },
    props: { approximate: true, source: SOURCE_RIVERS, note: r.course.note, length_km: round(r.line.length / 1000, 1) },
  }));
}

export function waterAreaFeatures(system: RiverSystem): DemoFeature[] {
  return system.reservoirs.map((r) => ({
    external_id: `water-${r.site.id}`,
    name: r.site.name,
    geometry: { type: 'MultiPolygon', coordinates: [[lonLatCoords(r.ring)]] },
    columns: { demo: 0 },
    props: { approximate: true, source: SOURCE_RIVERS, river: r.river.course.name, kind: '中型水库', outline: 'hand-placed, indicative' },
  }));
}
