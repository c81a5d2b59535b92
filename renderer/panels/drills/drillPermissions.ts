import { authorize, type MethodName, type UserInfo } from '../../../preload/contract';

/** True when the signed-in user may call the method (the contract's permission table): controls one cannot use are not shown. */
export function can(method: MethodName, user: UserInfo | null): boolean {
  return authorize(method, user?.role ?? null) === null;
}

/** The message of a refused call, for the panel's error line. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
