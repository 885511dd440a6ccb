import type { UserRole } from './types';

export const MIN_PASSWORD_LENGTH = 12;
/** A one-time link to set or reset a password works this long. */
export const PASSWORD_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** Roles whose people belong to one MOA; every other role reads across MOAs and has none. */
const MOA_SCOPED_ROLES: readonly UserRole[] = ['planner', 'viewer', 'moa_head'];

export function roleNeedsMoa(role: UserRole): boolean {
  return MOA_SCOPED_ROLES.includes(role);
}

/** What is wrong with this role and MOA together, in words an administrator understands; null if fine. */
export function roleMoaProblem(role: UserRole, moaId: string | null): string | null {
  if (roleNeedsMoa(role) && !moaId) return 'Planners, viewers and MOA heads belong to a MOA: choose one.';
  if (!roleNeedsMoa(role) && moaId) return 'Only planners, viewers and MOA heads belong to a MOA; leave the MOA empty for this role.';
  return null;
}

export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 200) return 'Use at most 200 characters.';
  return null;
}

/** "Try again in 14 minutes", rounded up, for a sign-in that hit the failure limit. */
export function retryAfterWords(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return `Try again in ${whole} second${whole === 1 ? '' : 's'}.`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
