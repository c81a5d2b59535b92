import type { Client, LayerInfo, UserInfo } from '../../preload/contract';
import type { Locale } from '../ui/locale';

/** A click on a map feature (seq changes on every click, so the same feature twice is two picks). */
export interface MapPick {
  layerId: string;
  kind: string;
  featureId: string;
  seq: number;
}

/** A left click on the map's ground (any click, on a feature or not); seq changes on every click. */
export interface MapClick {
  lon: number;
  lat: number;
  seq: number;
}

export interface FocusTarget {
  lon: number;
  lat: number;
  /** Camera height (m); below 0 puts the camera under the surface (underground mode). */
  height?: number;
  layerKind?: string;
  featureId?: string;
  /** false: only flash the feature, keep the view. */
  flyTo?: boolean;
}

/** A place to run the cross-domain linkage for (an alarm's station, an incident). */
export interface LinkageTarget {
  lon: number;
  lat: number;
  title: string;
}

export interface UndergroundState {
  enabled: boolean;
  /** Ground opacity 0.05–1 while underground mode is on. */
  alpha: number;
}

/**
 * What the shell gives a tool panel (drainage workbench, cameras and video, command center…): the host client, the
 * language, the layers, the last map pick, and ways to change the map without touching Cesium — live data for a
 * layer kind (the layer defines its shape), a fly-to/flash, and underground mode.
 */
export interface ToolContext {
  client: Client;
  locale: Locale;
  /** The signed-in user (null: not signed in — the situation is readable, changes need a role). */
  user: UserInfo | null;
  layers: LayerInfo[];
  pick: MapPick | null;
  /** The last click on the ground (optional: a shell without it gives none). */
  mapClick?: MapClick | null;
  setLayerLive(kind: string, data: unknown): void;
  focus(target: FocusTarget): void;
  underground: UndergroundState;
  setUnderground(state: UndergroundState): void;
  /** The place the decision-analysis (linkage) view shows, and how to open or close it. */
  linkage?: LinkageTarget | null;
  openLinkage?(target: LinkageTarget | null): void;
}
