import type { DemoFeature } from './demoPackTypes';
import { bearingDeg, normalizeDeg, round, roundLonLat, toLonLat } from './geoMath';
import { insideMaojianWithBuffer } from './maojianBoundary';
import type { Prng } from './prng';
import type { RoadSegment } from './roadsDemo';

export const CAMERA_COUNT = 2000;

const DEPARTMENTS: [string, number][] = [
  ['公安茅箭分局', 0.44],
  ['区城管执法局', 0.2],
  ['区交通运输局', 0.18],
  ['区应急管理局', 0.08],
  ['区水利和湖泊局', 0.05],
  ['区住房和城乡建设局', 0.05],
];

function weighted<T>(prng: Prng, items: [T, number][]): T {
  let r = prng.next() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return (items[items.length - 1] as [T, number])[0];
}

/**
 * Synthetic cameras along the roads: junctions get domes and PTZ cameras, mid-block positions mostly bullets.
 * Heading is clockwise from north along or across the road; tilt is degrees below the horizon.
 */
export function buildCameras(segments: RoadSegment[], prng: Prng, count = CAMERA_COUNT): DemoFeature[] {
  const weights = segments.map((s) => {
    const len = Math.sqrt((s.b[0] - s.a[0]) ** 2 + (s.b[1] - s.a[1]) ** 2);
    const cls = s.roadClass === 'trunk' ? 1.6 : s.roadClass === 'primary' ? 1.2 : 1;
    return len * cls * (s.urban ? 1 : 0.12);
  });
  const cum: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    cum.push(total);
  }
  const out: DemoFeature[] = [];
  let guard = 0;
  while (out.length < count && guard++ < count * 20) {
    const r = prng.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    const seg = segments[lo] as RoadSegment;
    const dx = seg.b[0] - seg.a[0];
    const dy = seg.b[1] - seg.a[1];
    const len = Math.sqrt(dx * dx + dy * dy) || 1;
    const atJunction = seg.junction && prng.chance(0.35);
    const t = atJunction ? prng.range(0, 12 / len) : prng.range(0.1, 0.9);
    const side = prng.chance(0.5) ? 1 : -1;
    const offset = side * prng.range(8, 14);
    const x = seg.a[0] + t * dx - (dy / len) * offset;
    const y = seg.a[1] + t * dy + (dx / len) * offset;
    const lonLat = roundLonLat(toLonLat(x, y));
    if (!insideMaojianWithBuffer(lonLat[0], lonLat[1], 5)) continue;
    const camType = atJunction ? (prng.chance(0.55) ? 'dome' : 'ptz') : prng.chance(0.8) ? 'bullet' : 'dome';
    const roadBearing = bearingDeg(dx, dy);
    const along = prng.chance(0.65);
    const base = along ? roadBearing + (prng.chance(0.5) ? 0 : 180) : roadBearing + side * -90;
    const rounded = round(normalizeDeg(base + prng.range(-10, 10)), 1);
    const heading = rounded >= 360 ? 0 : rounded;
    const hfov = camType === 'bullet' ? prng.range(40, 90) : camType === 'dome' ? prng.range(60, 110) : prng.range(40, 65);
    const range = camType === 'bullet' ? prng.range(80, 200) : camType === 'dome' ? prng.range(50, 130) : prng.range(150, 300);
    const height = camType === 'ptz' ? prng.range(8, 12) : camType === 'dome' ? prng.range(5, 9) : prng.range(4, 8);
    const roll = prng.next();
    const status = roll < 0.9 ? 'online' : roll < 0.97 ? 'offline' : 'fault';
    const department = seg.roadClass === 'trunk' && !seg.urban && prng.chance(0.5) ? '区交通运输局' : weighted(prng, DEPARTMENTS);
    const n = out.length + 1;
    const kindZh = camType === 'bullet' ? '枪机' : camType === 'dome' ? '球机' : '云台';
    out.push({
      external_id: `CAM${String(n).padStart(5, '0')}`,
      name: `${seg.roadName.replace('（演示）', '')}${atJunction ? '路口' : ''}${kindZh} ${String(n).padStart(4, '0')}（演示）`,
      geometry: { type: 'Point', coordinates: [lonLat[0], lonLat[1]] },
      columns: {
        cam_type: camType,
        heading,
        tilt: round(prng.range(8, 35), 1),
        hfov: round(hfov, 1),
        range_m: round(range, 0),
        height_m: round(height, 1),
        department,
        status,
        stream_url: null,
        last_seen: null,
        demo: 1,
      },
    });
  }
  return out;
}
