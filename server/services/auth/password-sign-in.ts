import type { Queryable } from '@/db';
import type { Viewer } from '../../domain/types';
import type { FailureLimits } from '../rate-limits/failure-limits';
import { verifyCredentials } from './viewers';

export type PasswordSignInResult =
  | { outcome: 'signed_in'; viewer: Viewer }
  | { outcome: 'refused' }
  | { outcome: 'rate_limited'; retryAfterSeconds: number };

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** How long this account or address must wait before trying again (0: it may try now). */
export async function signInRetryAfter(limits: FailureLimits, email: string, ip: string): Promise<number> {
  const [byAccount, byIp] = await Promise.all([limits.signInPerAccount.retryAfterSeconds(accountKey(email)), limits.signInPerIp.retryAfterSeconds(ip)]);
  return Math.max(byAccount, byIp);
}

/**
 * Email + password sign-in under the failure limits: once an account or an address has failed too often, even
 * the right password is refused until the window passes, and the password is not even checked (bcrypt is
 * the expensive part an attacker would lean on). A success forgets the account's failures.
 */
export async function attemptPasswordSignIn(options: { db: Queryable; limits: FailureLimits; email: string; password: string; ip: string }): Promise<PasswordSignInResult> {
  const { db, limits, email, password, ip } = options;
  const retryAfterSeconds = await signInRetryAfter(limits, email, ip);
  if (retryAfterSeconds > 0) return { outcome: 'rate_limited', retryAfterSeconds };
  const viewer = await verifyCredentials(db, email, password);
  if (!viewer) {
    await Promise.all([limits.signInPerAccount.recordFailure(accountKey(email)), limits.signInPerIp.recordFailure(ip)]);
    return { outcome: 'refused' };
  }
  await limits.signInPerAccount.reset(accountKey(email));
  return { outcome: 'signed_in', viewer };
}
