import type { z } from 'zod';
import type { CameraAdminMethodName, CameraAdminMethods } from '../../preload/contract/cameraAdminMethods';
import type { Actor } from '../services/auth/actor';
import { CommandError } from '../services/auth/commandError';
import type { CameraAdmin } from '../services/cameras/cameraAdmin';

type Input<M extends CameraAdminMethodName> = z.output<CameraAdminMethods[M]['input']>;
type Output<M extends CameraAdminMethodName> = z.output<CameraAdminMethods[M]['output']>;
/** Once cameraAdminMethods is merged into `methods`, this equals Pick<Handlers, CameraAdminMethodName>. */
export type CameraAdminHandlers = { [M in CameraAdminMethodName]: (input: Input<M>) => Output<M> };

/**
 * Contract methods of the camera registry editor. `caller` answers the signed-in user of the call being handled
 * (dispatch's callerStore); without one the call is refused. CameraAdmin checks the role again, validates and audits.
 */
export function createCameraAdminHandlers(admin: CameraAdmin, caller: () => Actor | null): CameraAdminHandlers {
  const actor = (): Actor => {
    const a = caller();
    if (!a) throw new CommandError('UNAUTHORIZED', '请先登录 / sign in first (no session or it expired)');
    return a;
  };
  return {
    'cameras.create': (input) => admin.create(actor(), input),
    'cameras.update': (input) => admin.update(actor(), input),
    'cameras.delete': (input) => admin.delete(actor(), input),
  };
}
