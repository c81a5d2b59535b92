import { bearingDelta } from './cameraGeometry';

/** What a camera row says about where it can look. */
export interface CameraAim {
  camType: string | null;
  /** Degrees clockwise from north. */
  heading: number | null;
  /** Horizontal field of view, degrees. */
  hfov: number | null;
  props: Readonly<Record<string, unknown>>;
}

/** The horizontal sector a camera covers: all round, or `width` degrees centred on `heading`. */
export type CameraSector = { allRound: true } | { allRound: false; heading: number; width: number };

/**
 * The horizontal field-of-view rule (where a camera can point, not only where it points now):
 * - ptz: pans all round (360°), unless props.pan_deg limits its pan (then pan_deg + hfov, at most 360°);
 * - dome: its hfov centred on heading; props.pan_deg (a motorised dome) widens it to pan_deg + hfov, and
 *   props.all_round === true makes it 360°;
 * - bullet (and an unknown type): fixed, hfov centred on heading;
 * - any sector of 360° or more is all round.
 * Tilt (vertical aim) is not applied: a camera is assumed to see from its foot to its range.
 * Returns a reason string instead when the row lacks what the rule needs (heading or hfov).
 */
export function cameraSector(aim: CameraAim): CameraSector | string {
  const pan = typeof aim.props.pan_deg === 'number' && Number.isFinite(aim.props.pan_deg) && aim.props.pan_deg >= 0 ? aim.props.pan_deg : null;
  if (aim.props.all_round === true) return { allRound: true };
  if (aim.camType === 'ptz' && pan === null) return { allRound: true };
  const hfov = aim.hfov !== null && Number.isFinite(aim.hfov) && aim.hfov > 0 ? aim.hfov : null;
  if (hfov === null && pan === null) return 'hfov is missing or not > 0';
  const width = (pan ?? 0) + (hfov ?? 0);
  if (width >= 360) return { allRound: true };
  if (aim.heading === null || !Number.isFinite(aim.heading)) return 'heading is missing';
  return { allRound: false, heading: aim.heading, width };
}

/** Whether a bearing (degrees from north) lies inside the sector (edges included). */
export function insideSector(sector: CameraSector, bearing: number): boolean {
  return sector.allRound || bearingDelta(bearing, sector.heading) <= sector.width / 2 + 1e-9;
}
