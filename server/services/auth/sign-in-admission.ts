import type { Queryable } from '@/db';
import { findViewerByEmail } from './viewers';

export interface SignInAttempt {
  db: Queryable;
  /** next-auth's provider id ('credentials' for email + password); undefined when next-auth gives no account. */
  provider: string | undefined;
  /** The email the provider reported, if any. */
  email: string | null | undefined;
}

/**
 * Whether a sign-in may go ahead (next-auth's signIn callback). Email + password was already checked by
 * authorize, so it is admitted here. Single sign-on admits only people an admin has already given an
 * account (and so a role and MOA): a known, active user with that email (any case). No email, an unknown
 * email or a deactivated user is refused.
 */
export async function admitSignIn({ db, provider, email }: SignInAttempt): Promise<boolean> {
  if (provider === undefined || provider === 'credentials') return true;
  return email ? (await findViewerByEmail(db, email)) !== null : false;
}
