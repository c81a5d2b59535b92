import type { z } from 'zod';
import type { cameraMethods } from '../../preload/contract/cameraMethods';
import type { CameraCoverage } from '../services/analysis/cameraCoverage';
import type { CameraHealth } from '../services/analysis/cameraHealth';

type CameraMethods = typeof cameraMethods;
type CameraMethod = keyof CameraMethods;
/** Once cameraMethods is merged into `methods`, this equals Pick<Handlers, CameraMethod>. */
export type CameraHandlers = { [M in CameraMethod]: (input: z.output<CameraMethods[M]['input']>) => z.output<CameraMethods[M]['output']> };

/**
 * Contract methods of camera analysis. Thin: the services validate and throw CameraAnalysisError, whose code
 * (BAD_INPUT, NOT_FOUND) dispatch shows as is.
 */
export function createCameraHandlers(coverage: CameraCoverage, health: CameraHealth): CameraHandlers {
  return {
    'cameras.seeing': ({ lon, lat, height, includeOffline, includeHidden, maxResults }) =>
      coverage.camerasSeeing({ lon, lat, height }, { includeOffline, includeHidden, maxResults }),
    'cameras.coverage': ({ cameraId }) => coverage.coverageOf(cameraId),
    'cameras.health': () => health.summary(),
  };
}
