import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { moas, users } from '@/db/schema';
import { roleMoaProblem, roleNeedsMoa } from '../../domain/accounts';
import type { SignedInViewer, UserRole } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { issuePasswordLink, type PasswordLink } from './password-links';
import { runUseCase } from '../effects/use-case';

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  moaId: string | null;
  moaCode: string | null;
  active: boolean;
  hasPassword: boolean;
  createdAt: string;
}

const summaryColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  moaId: users.moaId,
  moaCode: moas.code,
  deactivatedAt: users.deactivatedAt,
  passwordHash: users.passwordHash,
  createdAt: users.createdAt,
};

type SummaryRow = {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  moaId: string | null;
  moaCode: string | null;
  deactivatedAt: Date | null;
  passwordHash: string | null;
  createdAt: Date;
};

function toSummary(row: SummaryRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name ?? row.email,
    role: row.role,
    moaId: row.moaId,
    moaCode: row.moaCode,
    active: row.deactivatedAt === null,
    hasPassword: row.passwordHash !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

function selectSummaries(q: Queryable) {
  return q.select(summaryColumns).from(users).leftJoin(moas, eq(moas.id, users.moaId));
}

async function readSummary(q: Queryable, userId: string): Promise<UserSummary> {
  const [row] = await selectSummaries(q).where(eq(users.id, userId));
  if (!row) throw AppError.notFound('That user');
  return toSummary(row);
}

/** Every account, active first, then by name: the admin's users page and `GET /users`. */
export async function listUsers(options: { db: Queryable }): Promise<UserSummary[]> {
  const rows = await selectSummaries(options.db).orderBy(asc(users.deactivatedAt), asc(users.name), asc(users.email));
  return rows.map(toSummary);
}

/** The MOA with this code, for the command line (`--moa MSSD`). */
export async function findMoaIdByCode(q: Queryable, code: string): Promise<string> {
  const [row] = await q.select({ id: moas.id }).from(moas).where(eq(moas.code, code.trim().toUpperCase()));
  if (!row) throw AppError.badField('moa', `There is no MOA with the code "${code}".`);
  return row.id;
}

async function assertRoleMoa(q: Queryable, role: UserRole, moaId: string | null): Promise<void> {
  const problem = roleMoaProblem(role, moaId);
  if (problem) throw AppError.badField('moaId', problem);
  if (moaId) {
    const [moa] = await q.select({ id: moas.id }).from(moas).where(eq(moas.id, moaId));
    if (!moa) throw AppError.badField('moaId', 'That MOA does not exist.');
  }
}

/**
 * A new account with no password yet, and the one-time link that lets its owner set one. `actor` is the
 * admin, or null for the command line that creates the first admin.
 */
export async function createUser(options: {
  db: Database;
  actor: SignedInViewer | null;
  email: string;
  name: string;
  role: UserRole;
  moaId: string | null;
  baseUrl: string;
}): Promise<{ user: UserSummary; passwordLink: PasswordLink }> {
  const { db, actor, name, role, moaId, baseUrl } = options;
  const email = options.email.trim().toLowerCase();
  return runUseCase(db, async (tx) => {
    await assertRoleMoa(tx, role, moaId);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw new AppError('CONFLICT', 'An account with that email already exists.', { email: ['An account with that email already exists.'] });
    const [row] = await tx.insert(users).values({ email, name, role, moaId }).returning({ id: users.id });
    await writeAudit(tx, actor, { ppaId: null, entityType: 'user', entityId: row!.id, action: 'create', after: { email, name, role, moaId } });
    const passwordLink = await issuePasswordLink(tx, { userId: row!.id, baseUrl, actor });
    return { user: await readSummary(tx, row!.id), passwordLink };
  });
}

export interface UserChanges {
  name?: string;
  role?: UserRole;
  moaId?: string | null;
  active?: boolean;
}

function nextMoaId(current: string | null, changes: UserChanges): string | null {
  if (changes.moaId !== undefined) return changes.moaId;
  // A move to a role that reads across MOAs drops the MOA instead of refusing the change.
  if (changes.role && !roleNeedsMoa(changes.role)) return null;
  return current;
}

/**
 * An admin's change of a person's name, role, MOA or whether they may sign in. An admin cannot lock
 * themselves out, and the last active admin stays an active admin, so the deployment always has one.
 * A change of role, MOA or sign-in reaches the person's open co-editing connections at once, on every instance
 * (the runner's collab notice, server/services/effects/): each later request re-reads the rights anyway, but a connection would write on until its token expired.
 */
export async function updateUser(options: { db: Database; actor: SignedInViewer; userId: string; changes: UserChanges }): Promise<UserSummary> {
  const { db, actor, userId, changes } = options;
  if (Object.values(changes).every((value) => value === undefined)) {
    throw AppError.badField('body', 'Send at least one of name, role, moaId or active.');
  }
  return runUseCase(db, async (tx, after) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw AppError.notFound('That user');
    const role = changes.role ?? before.role;
    const moaId = nextMoaId(before.moaId, changes);
    const deactivatedAt = changes.active === undefined ? before.deactivatedAt : changes.active ? null : (before.deactivatedAt ?? new Date());
    await assertRoleMoa(tx, role, moaId);

    const losesAdmin = before.role === 'admin' && before.deactivatedAt === null && (role !== 'admin' || deactivatedAt !== null);
    if (losesAdmin && userId === actor.userId) {
      throw AppError.conflict('You cannot remove your own admin access or deactivate yourself; ask another admin.');
    }
    if (losesAdmin) {
      const others = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'admin'), isNull(users.deactivatedAt), ne(users.id, userId)))
        .for('update');
      if (others.length === 0) throw AppError.conflict('This is the last active admin; make someone else an admin first.');
    }

    const next = { name: changes.name ?? before.name, role, moaId, deactivatedAt };
    await tx.update(users).set(next).where(eq(users.id, userId));
    await writeAudit(tx, actor, {
      ppaId: null,
      entityType: 'user',
      entityId: userId,
      action:
        changes.active === false && before.deactivatedAt === null
          ? 'deactivate'
          : changes.active === true && before.deactivatedAt !== null
            ? 'reactivate'
            : 'update',
      before: { name: before.name, role: before.role, moaId: before.moaId, active: before.deactivatedAt === null },
      after: { name: next.name, role, moaId, active: deactivatedAt === null },
    });
    const accessChanged = role !== before.role || moaId !== before.moaId || (deactivatedAt === null) !== (before.deactivatedAt === null);
    // Sent after the commit: a connection re-admitted then reads the new rights.
    if (accessChanged) after.collab({ type: 'access', userId, deactivated: deactivatedAt !== null });
    return readSummary(tx, userId);
  });
}

/** A fresh one-time link for someone who forgot their password (older links stop working). */
export async function issuePasswordReset(options: { db: Database; actor: SignedInViewer; userId: string; baseUrl: string }): Promise<PasswordLink> {
  const { db, actor, userId, baseUrl } = options;
  return runUseCase(db, async (tx) => {
    const [row] = await tx.select({ id: users.id, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, userId));
    if (!row) throw AppError.notFound('That user');
    if (row.deactivatedAt) throw AppError.conflict('Reactivate this account before sending a password link.');
    return issuePasswordLink(tx, { userId, baseUrl, actor });
  });
}
