import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { apiTokens, users } from '@/db/schema';
import type { SignedInViewer, Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { assertSignedIn } from '../access';

const TOKEN_PREFIX = 'ppa_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  displayPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toSummary(row: typeof apiTokens.$inferSelect): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    displayPrefix: row.displayPrefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** A new personal API token. The secret is returned once and only its SHA-256 is stored. */
export async function createApiToken(options: { db: Queryable; viewer: Viewer; name: string }): Promise<ApiTokenSummary & { token: string }> {
  const { db, viewer, name } = options;
  assertSignedIn(viewer);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId: viewer.userId, name, tokenHash: hashToken(token), displayPrefix: token.slice(0, TOKEN_PREFIX.length + 6) })
    .returning();
  await writeAudit(db, viewer, { ppaId: null, entityType: 'api_token', entityId: row!.id, action: 'create', after: { name } });
  return { ...toSummary(row!), token };
}

export async function listApiTokens(options: { db: Queryable; viewer: Viewer }): Promise<ApiTokenSummary[]> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, viewer.userId)).orderBy(desc(apiTokens.createdAt));
  return rows.map(toSummary);
}

/** Revokes one of the viewer's own tokens; anyone else's is "not found". */
export async function revokeApiToken(options: { db: Queryable; viewer: Viewer; tokenId: string }): Promise<void> {
  const { db, viewer, tokenId } = options;
  assertSignedIn(viewer);
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, viewer.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw AppError.notFound('That API token');
  await writeAudit(db, viewer, { ppaId: null, entityType: 'api_token', entityId: tokenId, action: 'revoke' });
}

interface TokenOwnerRow {
  user_id: string;
  name: string | null;
  email: string;
  role: SignedInViewer['role'];
  moa_id: string | null;
}

/**
 * The viewer a bearer token acts as (its user's current role and MOA), or null for an unknown, revoked or
 * expired token. One statement, read-only on most requests: it records when the token was last used at
 * most once a minute, so API reads do not each commit a write.
 */
export async function authenticateApiToken(db: Queryable, token: string): Promise<SignedInViewer | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const result = await db.execute(sql`
    with owner as (
      select t.id as token_id, t.last_used_at, u.id as user_id, u.name, u.email, u.role, u.moa_id
      from ${apiTokens} t join ${users} u on u.id = t.user_id
      where t.token_hash = ${hashToken(token)} and t.revoked_at is null and u.deactivated_at is null and (t.expires_at is null or t.expires_at > now())
    ), touched as (
      update ${apiTokens} set last_used_at = now()
      where id = (select token_id from owner) and (last_used_at is null or last_used_at < now() - interval '1 minute')
    )
    select user_id, name, email, role, moa_id from owner`);
  const [row] = rowsOf<TokenOwnerRow>(result);
  return row ? { userId: row.user_id, role: row.role, moaId: row.moa_id, name: row.name ?? row.email } : null;
}

/** The token in an `Authorization: Bearer …` header, or in `?token=` (calendar apps cannot send headers). */
export function tokenFromRequest(req: Request, options: { allowQuery?: boolean } = {}): string | null {
  const header = req.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match) return match[1]!;
  if (options.allowQuery) return new URL(req.url).searchParams.get('token');
  return null;
}
