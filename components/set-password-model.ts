import { passwordProblem } from '@/server/domain/accounts';

export const PASSWORDS_DIFFER = 'The two passwords are not the same.';

/** A link that would not set a password (used, expired, replaced by a newer one, or its account deactivated). */
export const LINK_NOT_USABLE = 'This link has expired or was already used. Ask an administrator for a new one.';

/** What is wrong with the new password and its confirmation (the server's own length rules first); null if fine. */
export function setPasswordProblem(password: string, confirmation: string): string | null {
  return passwordProblem(password) ?? (password !== confirmation ? PASSWORDS_DIFFER : null);
}

/** The secret rides in the link's fragment (#token=…), which browsers never send to a server. */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.slice(1)).get('token') ?? '';
}
