import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { users } from '@/db/schema';
import type { SignedInViewer } from '../../domain/types';
import { verifyPassword } from '../../lib/passwords';

function toViewer(row: { id: string; name: string | null; email: string; role: SignedInViewer['role']; moaId: string | null }): SignedInViewer {
  return { userId: row.id, role: row.role, moaId: row.moaId, name: row.name ?? row.email };
}

const viewerColumns = { id: users.id, name: users.name, email: users.email, role: users.role, moaId: users.moaId };

/**
 * The viewer behind a session, read fresh on each request so a changed role or MOA, or a deactivation,
 * takes effect at once. A deactivated user is nobody.
 */
export async function loadViewer(db: Queryable, userId: string): Promise<SignedInViewer | null> {
  const [row] = await db
    .select(viewerColumns)
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)));
  return row ? toViewer(row) : null;
}

export async function findViewerByEmail(db: Queryable, email: string): Promise<SignedInViewer | null> {
  const [row] = await db
    .select(viewerColumns)
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.deactivatedAt)));
  return row ? toViewer(row) : null;
}

/**
 * Email + password sign-in. Unknown email and wrong password look the same to the caller, in the answer and in
 * the work done: without an account (or a password) a decoy hash is checked instead.
 */
export async function verifyCredentials(db: Queryable, email: string, password: string): Promise<SignedInViewer | null> {
  const [row] = await db
    .select({ ...viewerColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.deactivatedAt)));
  const matches = await verifyPassword(password, row?.passwordHash);
  return matches && row ? toViewer(row) : null;
}
