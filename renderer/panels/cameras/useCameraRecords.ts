import { useEffect, useState } from 'react';
import type { Client, Feature, LayerInfo } from '../../../preload/contract';
import { cameraRecordOf, type CameraRecord } from '../../layers/cameras/cameraRecord';

export interface CameraRecords {
  records: CameraRecord[];
  /** external_id → the feature (what the video panel shows). */
  features: Map<string, Feature>;
  loading: boolean;
  error: string | null;
}

const empty: CameraRecords = { records: [], features: new Map(), loading: false, error: null };

/**
 * The cameras of a cameras layer, read with features.query (the contract's way to read a layer) and read again when
 * the layer changes in the store (its lastChange / featureCount).
 */
export function useCameraRecords(client: Client, layer: LayerInfo | undefined, limit = 50_000): CameraRecords {
  const [state, setState] = useState<CameraRecords>(empty);
  const layerId = layer?.id;
  const version = layer ? `${layer.lastChange}|${layer.featureCount}` : '';
  useEffect(() => {
    if (!layerId) {
      setState(empty);
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    client
      .call('features.query', { layerId, limit })
      .then((fc) => {
        if (!live) return;
        const records: CameraRecord[] = [];
        const features = new Map<string, Feature>();
        for (const f of fc.features) {
          const r = cameraRecordOf(f);
          if (!r || features.has(r.id)) continue;
          records.push(r);
          features.set(r.id, f);
        }
        setState({ records, features, loading: false, error: null });
      })
      .catch((err: unknown) => live && setState((s) => ({ ...s, loading: false, error: `features.query ${layerId}: ${err instanceof Error ? err.message : String(err)}` })));
    return () => {
      live = false;
    };
  }, [client, layerId, version, limit]);
  return state;
}
