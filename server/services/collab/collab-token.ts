import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '@/db';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { loadViewer } from '../auth/viewers';
import { assertSignedIn, findVisiblePpa, mayEditPpa } from '../access';

/** How long a collaboration token lets a browser (re)connect. Short: the page asks for a new one. */
export const COLLAB_TOKEN_TTL_MS = 2 * 60 * 1000;

export type CollabMode = 'edit' | 'read';

export interface CollabClaims {
  userId: string;
  name: string;
  ppaId: string;
  mode: CollabMode;
  /** Expiry, ms since the epoch. */
  exp: number;
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * A short-lived token for the allocation form's websocket, bound to one user and one PPA. Planners of the
 * PPA's MOA and admins edit; everyone else who may see the PPA (viewers, reviewers, executives) reads.
 * Another MOA's planner gets "not found" here and so never a token.
 */
export async function issueCollabToken(options: { db: Queryable; viewer: Viewer; ppaId: string; secret: string; now?: number }) {
  const { db, viewer, ppaId, secret } = options;
  assertSignedIn(viewer);
  const ppa = await findVisiblePpa(db, viewer, ppaId);
  const claims: CollabClaims = {
    userId: viewer.userId,
    name: viewer.name,
    ppaId: ppa.id,
    mode: mayEditPpa(viewer, ppa) ? 'edit' : 'read',
    exp: (options.now ?? Date.now()) + COLLAB_TOKEN_TTL_MS,
  };
  return { token: signCollabToken(claims, secret), mode: claims.mode, expiresAt: new Date(claims.exp).toISOString() };
}

/** The token carrying these claims, as verifyCollabToken reads it. Only issueCollabToken decides the claims (and tests). */
export function signCollabToken(claims: CollabClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The claims of a token that is well signed, unexpired and for this PPA; otherwise null. */
export function verifyCollabToken(token: string | null, ppaId: string, secret: string, now = Date.now()): CollabClaims | null {
  if (!token) return null;
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CollabClaims;
    return claims.ppaId === ppaId && claims.exp > now ? claims : null;
  } catch {
    return null;
  }
}

/**
 * What the holder of a valid token may do now. A token outlives the session checks it was issued under by up
 * to its TTL, so the collaboration server asks again on every connection, as every other request does: nothing
 * (null) once the user is deactivated or can no longer see the PPA; read only once they lost the right to edit.
 */
export async function currentCollabMode(db: Queryable, claims: CollabClaims): Promise<CollabMode | null> {
  const viewer = await loadViewer(db, claims.userId);
  if (!viewer) return null;
  try {
    const ppa = await findVisiblePpa(db, viewer, claims.ppaId);
    return claims.mode === 'edit' && mayEditPpa(viewer, ppa) ? 'edit' : 'read';
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
