import { userInfo } from 'node:os';
import type { Role } from '../../../preload/contract/commandMethods';

/** Who does something: the signed-in user, or the operator of the local CLI (who holds the store file anyway). */
export interface Actor {
  /** cmd_users.id; null for the CLI and the host itself. */
  userId: number | null;
  username: string;
  role: Role;
}

/** The person at the terminal running `cityops …` against a store file they can write: acts as admin. */
export function cliActor(): Actor {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    /* no passwd entry (containers): keep 'unknown' */
  }
  return { userId: null, username: `cli:${who}`, role: 'admin' };
}

/** The host itself (bootstrap, demo plan install). */
export const systemActor: Actor = { userId: null, username: 'system', role: 'admin' };
