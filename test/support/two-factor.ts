/** Two-factor helpers for tests: enrol an account through the API and compute its codes as an authenticator app would. */
import { expect } from 'vitest';
import { base32Decode, totp } from '../../apps/server/src/platform/security/totp.ts';
import type { ApiClient } from './api.ts';
import type { TestServer } from './platform.ts';

export interface Enrolment {
  secret: string;
  backupCodes: string[];
  /** The code of the current 30-s step plus `steps` (by the server's clock). */
  code(steps?: number): string;
}

export function codeFor(server: TestServer, secret: string, steps = 0): string {
  return totp(base32Decode(secret), server.platform.clock.now().getTime() + steps * 30_000);
}

/** Begins and confirms enrolment for the client's account (the confirmation uses the current step). */
export async function enrol(server: TestServer, client: ApiClient): Promise<Enrolment> {
  const begun = await client.mutate<{ secret: string }>('account.beginTwoFactor');
  expect(begun.error, JSON.stringify(begun.error)).toBeUndefined();
  const secret = begun.data!.secret;
  const confirmed = await client.mutate<{ backupCodes: string[] }>('account.confirmTwoFactor', { code: codeFor(server, secret) });
  expect(confirmed.error, JSON.stringify(confirmed.error)).toBeUndefined();
  return { secret, backupCodes: confirmed.data!.backupCodes, code: (steps = 0) => codeFor(server, secret, steps) };
}

/** Moves the server's clock (as TOTP sees it) forward by whole 30-s steps, so each test step has fresh codes. */
export function advanceSteps(server: TestServer, steps: number): void {
  const base = server.platform.clock.now.bind(server.platform.clock);
  server.platform.clock.now = () => new Date(base().getTime() + steps * 30_000);
}
