import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { passwordLinks, users } from '@/db/schema';
import { PASSWORD_LINK_TTL_MS, passwordProblem } from '../../domain/accounts';
import type { SignedInViewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { hashPassword } from '../../lib/passwords';
import type { FailureLimits } from '../rate-limits/failure-limits';
import { runUseCase } from '../effects/use-case';

export const SET_PASSWORD_PATH = '/set-password';

function hashLinkSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface PasswordLink {
  /** Where to send the person: the secret rides in the fragment, so it never reaches a server log or a Referer. */
  url: string;
  expiresAt: string;
}

/**
 * A one-time link to set (or reset) a person's password, valid for 24 hours. Issuing one retires the person's
 * earlier links. Caller owns the transaction.
 */
export async function issuePasswordLink(
  q: Queryable,
  options: { userId: string; baseUrl: string; actor: SignedInViewer | null; now?: Date },
): Promise<PasswordLink> {
  const { userId, baseUrl, actor } = options;
  const now = options.now ?? new Date();
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
  await q
    .update(passwordLinks)
    .set({ usedAt: now })
    .where(and(eq(passwordLinks.userId, userId), isNull(passwordLinks.usedAt)));
  await q.insert(passwordLinks).values({ userId, tokenHash: hashLinkSecret(secret), expiresAt });
  await writeAudit(q, actor, {
    ppaId: null,
    entityType: 'user',
    entityId: userId,
    action: 'issue_password_link',
    after: { expiresAt: expiresAt.toISOString() },
  });
  return { url: `${baseUrl.replace(/\/+$/, '')}${SET_PASSWORD_PATH}#token=${secret}`, expiresAt: expiresAt.toISOString() };
}

const LINK_UNUSABLE = 'This link has expired or was already used. Ask an administrator for a new one.';

/** The condition a link must meet to set a password: known, unused, unexpired, for an active account. */
function usableLink(token: string, now: Date) {
  return and(eq(passwordLinks.tokenHash, hashLinkSecret(token)), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now), isNull(users.deactivatedAt));
}

/**
 * Whether a link would still set a password, so the page can say so before anyone types one. Like setting it,
 * one answer for an unknown, used or expired link or a deactivated account.
 */
export async function passwordLinkUsable(options: { db: Database; token: string; now?: Date }): Promise<boolean> {
  const [link] = await options.db
    .select({ id: passwordLinks.id })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(usableLink(options.token, options.now ?? new Date()));
  return Boolean(link);
}

/**
 * Sets a password through a one-time link. An unknown, used or expired link, or a deactivated account, all
 * get the same answer, so a link reveals nothing about who it was for.
 */
export async function setPasswordWithLink(options: { db: Database; token: string; password: string; now?: Date }): Promise<{ email: string }> {
  const { db, token, password } = options;
  const now = options.now ?? new Date();
  const problem = passwordProblem(password);
  if (problem) throw AppError.badField('password', problem);
  const passwordHash = await hashPassword(password);
  return runUseCase(db, async (tx) => {
    const [link] = await tx
      .select({ id: passwordLinks.id, userId: passwordLinks.userId, email: users.email })
      .from(passwordLinks)
      .innerJoin(users, eq(users.id, passwordLinks.userId))
      .where(usableLink(token, now))
      .for('update', { of: passwordLinks });
    if (!link) throw AppError.badField('token', LINK_UNUSABLE);
    await tx.update(passwordLinks).set({ usedAt: now }).where(eq(passwordLinks.id, link.id));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, link.userId));
    await writeAudit(tx, null, { ppaId: null, entityType: 'user', entityId: link.userId, action: 'set_password' });
    return { email: link.email };
  });
}

/**
 * Set-password for the anonymous caller of the set-password page, under the failure limit per address. The
 * link is looked at first (one indexed read): a bad one costs no password hashing, is counted against the
 * address, and past the limit gets "too many tries"; a good link is never refused, whatever its address did.
 */
/** The page's check of its link, from an anonymous address: a link that would not work counts as a bad try there. */
export async function attemptCheckPasswordLink(options: { db: Database; limits: FailureLimits; ip: string; token: string }): Promise<{ usable: boolean }> {
  if (await passwordLinkUsable(options)) return { usable: true };
  const retryAfterSeconds = await options.limits.setPasswordPerIp.recordFailure(options.ip);
  if (retryAfterSeconds > 0) throw AppError.tooManyRequests('tries with set-password links from this network', retryAfterSeconds);
  return { usable: false };
}

export async function attemptSetPassword(options: {
  db: Database;
  limits: FailureLimits;
  ip: string;
  token: string;
  password: string;
  now?: Date;
}): Promise<{ email: string }> {
  const { limits, ip, ...attempt } = options;
  const now = attempt.now ?? new Date();
  const problem = passwordProblem(attempt.password);
  if (problem) throw AppError.badField('password', problem);
  const [link] = await attempt.db
    .select({ id: passwordLinks.id })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(usableLink(attempt.token, now));
  if (!link) {
    const retryAfterSeconds = await limits.setPasswordPerIp.recordFailure(ip);
    if (retryAfterSeconds > 0) throw AppError.tooManyRequests('tries with set-password links from this network', retryAfterSeconds);
    throw AppError.badField('token', LINK_UNUSABLE);
  }
  return setPasswordWithLink({ ...attempt, now });
}
