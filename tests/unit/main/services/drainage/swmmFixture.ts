// Test-only loader: the GPL-2.0 SWMM sample network (tests/fixtures/drainage-swmm, see its README) into a store.
import { join } from 'node:path';
import { isTimeSeries, readSource } from '../../../../../main/sources/interchange/readSource';
import type { SourceDataset } from '../../../../../main/sources/interchange/sourceDataset';
import { layerSchema } from '../../../../../main/store/layerSchemas';
import { LayerWriter } from '../../../../../main/store/layerWriter';
import type { Store } from '../../../../../main/store/openStore';
import { repoRoot } from '../../../../helpers/tempStore';

export const swmmDir = join(repoRoot, 'tests', 'fixtures', 'drainage-swmm');

async function read(name: string): Promise<SourceDataset> {
  const d = await readSource(join(swmmDir, `SWMM_${name}.gpkg`));
  if (isTimeSeries(d)) throw new Error(`${name}: not a feature file`);
  return d;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Mapping: junctions → manhole (invert_elev = Elevation, ground = Elevation + MaxDepth); the divider → junction;
 * storage → storage; outfalls → outfall (ground = invert = Elevation). Conduits → pipes: up/down node = FromNode/ToNode,
 * diameter = Geom1 × 1000, length = Length, up_invert = the from-node's invert + InOffset, down_invert = the to-node's
 * invert + OutOffset (SWMM offsets; null = 0). Other SWMM attributes go to props.
 */
export async function loadSwmmFixture(store: Store): Promise<void> {
  const kinds: [string, string][] = [
    ['junctions', 'manhole'],
    ['dividers', 'junction'],
    ['storages', 'storage'],
    ['outfalls', 'outfall'],
  ];
  const nodeSets = await Promise.all(kinds.map(async ([file, type]) => ({ type, data: await read(file) })));
  const conduits = await read('conduits');
  const invert = new Map<string, number>();
  const nodes = new LayerWriter(store.db, layerSchema('drainage_nodes')!);
  const pipes = new LayerWriter(store.db, layerSchema('drainage_pipes')!);
  const result = { inserted: 0, updated: 0 };
  store.db.transaction(() => {
    for (const { type, data } of nodeSets) {
      for (const f of data.features) {
        const { Name, Elevation, MaxDepth, ...rest } = f.properties;
        const inv = num(Elevation);
        const depth = num(MaxDepth);
        if (inv !== null) invert.set(String(Name), inv);
        nodes.write(
          {
            external_id: String(Name),
            name: String(Name),
            geometry: f.geometry,
            columns: { node_type: type, network: 'combined', invert_elev: inv, ground_elev: inv === null ? null : inv + (depth ?? 0), depth },
            props: { swmm: data.layerName, ...rest },
            demo: false,
          },
          result,
        );
      }
    }
    for (const f of conduits.features) {
      const { Name, FromNode, ToNode, Length, Geom1, InOffset, OutOffset, ...rest } = f.properties;
      const up = String(FromNode);
      const down = String(ToNode);
      const g1 = num(Geom1);
      const upInv = invert.get(up);
      const downInv = invert.get(down);
      pipes.write(
        {
          external_id: String(Name),
          name: String(Name),
          geometry: f.geometry,
          columns: {
            network: 'combined',
            up_node: up,
            down_node: down,
            diameter_mm: g1 === null ? null : Math.round(g1 * 1000),
            length_m: num(Length),
            up_invert: upInv === undefined ? null : upInv + (num(InOffset) ?? 0),
            down_invert: downInv === undefined ? null : downInv + (num(OutOffset) ?? 0),
          },
          props: { swmm: conduits.layerName, ...rest },
          demo: false,
        },
        result,
      );
    }
    nodes.finish('tests/fixtures/drainage-swmm', false);
    pipes.finish('tests/fixtures/drainage-swmm', false);
  })();
}
