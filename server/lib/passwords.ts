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

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
