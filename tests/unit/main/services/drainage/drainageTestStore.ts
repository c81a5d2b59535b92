// Test-only: hand-made drainage networks written into a temporary store through the layer writer.
import { join } from 'node:path';
import { layerSchema } from '../../../../../main/store/layerSchemas';
import { LayerWriter } from '../../../../../main/store/layerWriter';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

export interface TestNode {
  id: string;
  type?: string;
  ground?: number | null;
  invert?: number | null;
  /** [lon, lat]; default: on a line east of 110.8E 32.6N, 0.001° apart by order. */
  at?: [number, number] | null;
  props?: Record<string, unknown>;
}

export interface TestPipe {
  id: string;
  up: string | null;
  down: string | null;
  d?: number | null;
  upInv?: number | null;
  downInv?: number | null;
  length?: number | null;
  upDepth?: number | null;
  downDepth?: number | null;
  props?: Record<string, unknown>;
  /** Geometry; default: from the up node's point to the down node's point. */
  line?: [number, number][] | null;
}

export interface TestStore {
  store: Store;
  dir: string;
  cleanup(): void;
}

export function tempStore(): TestStore {
  const t = tempDir('cityops-drainage-');
  const store = openStore(join(t.dir, 's.gpkg'));
  return {
    store,
    dir: t.dir,
    cleanup: () => {
      store.close();
      t.cleanup();
    },
  };
}

/** Writes nodes and pipes in one transaction (both layers replaced by id). */
export function writeNetwork(store: Store, nodes: TestNode[], pipes: TestPipe[]): void {
  const pos = new Map<string, [number, number] | null>();
  nodes.forEach((n, i) => pos.set(n.id, n.at === undefined ? [110.8 + i * 0.001, 32.6] : n.at));
  const nodeWriter = new LayerWriter(store.db, layerSchema('drainage_nodes')!);
  const pipeWriter = new LayerWriter(store.db, layerSchema('drainage_pipes')!);
  const result = { inserted: 0, updated: 0 };
  store.db.transaction(() => {
    for (const n of nodes) {
      const p = pos.get(n.id);
      nodeWriter.write(
        {
          external_id: n.id,
          name: null,
          geometry: p ? { type: 'Point', coordinates: p } : null,
          columns: { node_type: n.type ?? 'manhole', network: 'rain', ground_elev: n.ground ?? null, invert_elev: n.invert ?? null },
          props: n.props,
          demo: false,
        },
        result,
      );
    }
    for (const p of pipes) {
      const a = p.up ? pos.get(p.up) : null;
      const b = p.down ? pos.get(p.down) : null;
      const line = p.line === undefined ? (a && b ? [a, b] : null) : p.line;
      pipeWriter.write(
        {
          external_id: p.id,
          name: null,
          geometry: line ? { type: 'LineString', coordinates: line } : null,
          columns: {
            network: 'rain',
            up_node: p.up,
            down_node: p.down,
            diameter_mm: p.d === undefined ? 400 : p.d,
            up_invert: p.upInv ?? null,
            down_invert: p.downInv ?? null,
            length_m: p.length === undefined ? 50 : p.length,
            up_depth: p.upDepth ?? null,
            down_depth: p.downDepth ?? null,
          },
          props: p.props,
          demo: false,
        },
        result,
      );
    }
    nodeWriter.finish('test', false);
    pipeWriter.finish('test', false);
  })();
}
