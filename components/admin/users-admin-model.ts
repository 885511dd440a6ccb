import { roleMoaProblem, roleNeedsMoa } from '@/server/domain/accounts';
import type { UserRole } from '@/server/domain/types';
import { zCreateUserRequest, type zUpdateUserRequest } from '@/server/contracts/user';
import type { z } from '@/server/contracts/zod';

/** The new-account and edit-account inputs. */
export interface UserDraft {
  email: string;
  name: string;
  role: UserRole;
  moaId: string;
}

export const emptyUserDraft: UserDraft = { email: '', name: '', role: 'planner', moaId: '' };

/** The server's own words (server/domain/accounts.ts) for a planner or viewer without a MOA. */
export const MOA_REQUIRED = roleMoaProblem('planner', null)!;

/** Only planners and viewers have a MOA: any other role sends none, whatever the select still holds. */
const moaFor = (draft: Pick<UserDraft, 'role' | 'moaId'>) => (roleNeedsMoa(draft.role) ? draft.moaId || null : null);

/**
 * The user.create request, checked with the procedure's schema (messages under their fields; one that is not
 * about a field goes on the form), then the MOA a planner or viewer must have.
 */
export function validateNewUser(draft: UserDraft): { ok: true; request: z.output<typeof zCreateUserRequest> } | { ok: false; errors: Record<string, string> } {
  const parsed = zCreateUserRequest.safeParse({ ...draft, moaId: moaFor(draft) });
  if (!parsed.success) return { ok: false, errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])) };
  const moaProblem = roleMoaProblem(draft.role, moaFor(draft));
  if (moaProblem) return { ok: false, errors: { moaId: moaProblem } };
  return { ok: true, request: parsed.data };
}

/** The user.update request of the inline edit: name, role and the MOA that role has. */
export function userUpdateRequest(editing: UserDraft & { id: string }): z.input<typeof zUpdateUserRequest> {
  return { id: editing.id, name: editing.name, role: editing.role, moaId: moaFor(editing) };
}
