import type { Queryable } from '@/db';
import type { SignedInViewer } from '../../domain/types';
import type { FailureLimits } from '../rate-limits/failure-limits';
import { verifyCredentials } from './viewers';

export type PasswordSignInResult =
  { outcome: 'signed_in'; viewer: SignedInViewer } | { outcome: 'refused' } | { outcome: 'rate_limited'; retryAfterSeconds: number };

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** How long this account must wait before its password is checked again (0: it may try now). */
export function accountRetryAfter(limits: FailureLimits, email: string): Promise<number> {
  return limits.signInPerAccount.retryAfterSeconds(accountKey(email));
}

/** How long this account or address is limited for, for the words of a refusal (0: neither is). */
export async function signInRetryAfter(limits: FailureLimits, email: string, ip: string): Promise<number> {
  const [byAccount, byIp] = await Promise.all([accountRetryAfter(limits, email), limits.signInPerIp.retryAfterSeconds(ip)]);
  return Math.max(byAccount, byIp);
}

/**
 * Email + password sign-in under the failure limits.
 *
 * - Per account: the attempt is counted before the password is checked, so of any number of guesses sent at
 *   once only the limit's worth are checked. Once the account has failed too often, even the right password is
 *   refused until the window passes, without being checked (bcrypt is the work an attacker leans on). A
 *   success forgets the account's failures.
 * - Per address: a failure is counted after the check. An address over its limit (an office behind one NAT
 *   address where someone kept mistyping, or a password sprayer) gets "try again later" for a wrong password,
 *   but a right password of an account that is not itself limited always signs in.
 */
export async function attemptPasswordSignIn(options: {
  db: Queryable;
  limits: FailureLimits;
  email: string;
  password: string;
  ip: string;
}): Promise<PasswordSignInResult> {
  const { db, limits, email, password, ip } = options;
  const accountWait = await limits.signInPerAccount.recordFailure(accountKey(email));
  if (accountWait > 0) return { outcome: 'rate_limited', retryAfterSeconds: accountWait };
  const viewer = await verifyCredentials(db, email, password);
  if (viewer) {
    await limits.signInPerAccount.reset(accountKey(email));
    return { outcome: 'signed_in', viewer };
  }
  const addressWait = await limits.signInPerIp.recordFailure(ip);
  if (addressWait > 0) return { outcome: 'rate_limited', retryAfterSeconds: addressWait };
  return { outcome: 'refused' };
}
