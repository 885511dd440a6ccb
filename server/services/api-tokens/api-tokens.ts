import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { apiTokens, users } from '@/db/schema';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';

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
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId: viewer.userId, name, tokenHash: hashToken(token), displayPrefix: token.slice(0, TOKEN_PREFIX.length + 6) })
    .returning();
  await writeAudit(db, viewer, { ppaId: null, entityType: 'api_token', entityId: row!.id, action: 'create', after: { name } });
  return { ...toSummary(row!), token };
}

export async function listApiTokens(options: { db: Queryable; viewer: Viewer }): Promise<ApiTokenSummary[]> {
  const rows = await options.db.select().from(apiTokens).where(eq(apiTokens.userId, options.viewer.userId)).orderBy(desc(apiTokens.createdAt));
  return rows.map(toSummary);
}

/** Revokes one of the viewer's own tokens; anyone else's is "not found". */
export async function revokeApiToken(options: { db: Queryable; viewer: Viewer; tokenId: string }): Promise<void> {
  const { db, viewer, tokenId } = options;
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, viewer.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw AppError.notFound('That API token');
  await writeAudit(db, viewer, { ppaId: null, entityType: 'api_token', entityId: tokenId, action: 'revoke' });
}

/**
 * The viewer a bearer token acts as (its user's current role and MOA), or null for an unknown, revoked or
 * expired token. One statement: it also records when the token was last used.
 */
export async function authenticateApiToken(db: Queryable, token: string): Promise<Viewer | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  // The where comes after the join (update … from users where …), which the lint rule cannot see.
  // eslint-disable-next-line drizzle/enforce-update-with-where
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .from(users)
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > now())`,
        eq(users.id, apiTokens.userId),
      ),
    )
    .returning({ userId: users.id, name: users.name, email: users.email, role: users.role, moaId: users.moaId });
  return row ? { userId: row.userId, role: row.role, moaId: row.moaId, name: row.name ?? row.email } : null;
}

/** The token in an `Authorization: Bearer …` header, or in `?token=` (calendar apps cannot send headers). */
export function tokenFromRequest(req: Request, options: { allowQuery?: boolean } = {}): string | null {
  const header = req.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match) return match[1]!;
  if (options.allowQuery) return new URL(req.url).searchParams.get('token');
  return null;
}
