// Test users: created through the auth service as the store's owner (the CLI's actor), signed in for a session token.
import type { Page } from 'playwright-core';
import type { HostRuntime } from '../../main/hostRuntime';
import { cliActor } from '../../main/services/auth/actor';

export const testPassword = 'Cityops-test-2026!';

/** Creates `username` with `role` (once) and returns a fresh session token for it. */
export function signIn(rt: HostRuntime, username: string, role: 'viewer' | 'operator' | 'commander' | 'analyst' | 'admin' | 'controller'): string {
  const auth = rt.command.auth;
  if (!auth.listUsers(cliActor()).some((u) => u.username === username)) {
    auth.createUser(cliActor(), { username, role, password: testPassword, displayName: `测试${role}` });
  }
  return auth.login(username, testPassword).token;
}

/** Signs in through the UI (the top bar's 登录 button and the dialog) and waits for the user badge. */
export async function signInPage(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-open').click();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(testPassword);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor({ timeout: 30_000 });
}
