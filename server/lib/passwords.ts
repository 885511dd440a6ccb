import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

/**
 * How passwords are hashed and checked: the one implementation, for sign-in and set-password links
 * (services) and for the demo accounts of the seed (db/seed). server/lib/ holds helpers like this one that
 * do no database work and import nothing from services, routers or db, so every layer may use them.
 */

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

/** A hash of a secret nobody knows, at the same cost, made once per process on first need. */
let decoyHash: Promise<string> | undefined;

/**
 * Whether `password` matches `hash`. Without a hash (an unknown email, a deactivated account, an account whose
 * password was never set) the same bcrypt work is spent on a decoy and the answer is no: how long a sign-in
 * takes must not tell which emails have accounts.
 */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (hash) return bcrypt.compare(password, hash);
  decoyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  await bcrypt.compare(password, await decoyHash);
  return false;
}
