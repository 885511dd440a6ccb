import { describe, expect, it } from 'vitest';
import { zCreateUserRequest, zUpdateUserRequest } from '@/server/contracts/user';
import { emptyUserDraft, MOA_REQUIRED, userUpdateRequest, validateNewUser, type UserDraft } from './users-admin-model';

const MOA_ID = '88888888-8888-4888-8888-888888888888';
const planner: UserDraft = { email: ' New.Planner@MSSD.example.org ', name: ' Nur Planner ', role: 'planner', moaId: MOA_ID };

function errorsFor(draft: Partial<UserDraft>) {
  const result = validateNewUser({ ...planner, ...draft });
  if (result.ok) throw new Error('expected the draft to be refused');
  return result.errors;
}

describe('new account form', () => {
  it('a valid planner becomes the create request, normalised as the server does it', () => {
    const result = validateNewUser(planner);
    expect(result).toEqual({ ok: true, request: { email: 'new.planner@mssd.example.org', name: 'Nur Planner', role: 'planner', moaId: MOA_ID } });
    if (result.ok) expect(zCreateUserRequest.parse(result.request)).toEqual(result.request);
  });

  it('a role without a MOA sends none, even if one was picked before the role changed', () => {
    expect(validateNewUser({ ...planner, role: 'executive' })).toMatchObject({ ok: true, request: { role: 'executive', moaId: null } });
    expect(validateNewUser({ ...planner, role: 'admin', moaId: '' })).toMatchObject({ ok: true, request: { moaId: null } });
  });

  it('each invalid field gets its message under that field', () => {
    expect(errorsFor({ email: 'not-an-email' })).toEqual({ email: 'Enter an email address, like name@mssd.bangsamoro.gov.ph.' });
    expect(errorsFor({ name: '  ' })).toEqual({ name: 'Enter the person’s name.' });
    expect(errorsFor({ name: 'x'.repeat(201) })).toEqual({ name: 'Keep the name under 200 characters.' });
    expect(errorsFor({ role: 'boss' as UserDraft['role'] })).toEqual({ role: expect.stringMatching(/^Choose a role: /) });
    expect(errorsFor({ moaId: 'mssd' })).toEqual({ moaId: 'That is not a valid id.' });
  });

  it('planners and viewers must be given a MOA', () => {
    expect(errorsFor({ moaId: '' })).toEqual({ moaId: MOA_REQUIRED });
    expect(errorsFor({ role: 'viewer', moaId: '' })).toEqual({ moaId: MOA_REQUIRED });
  });

  it('field mistakes are reported before the missing MOA', () => {
    expect(errorsFor({ email: '', moaId: '' })).toEqual({ email: 'Enter an email address, like name@mssd.bangsamoro.gov.ph.' });
  });

  it('the empty draft is a planner without anything filled in', () => {
    expect(emptyUserDraft).toEqual({ email: '', name: '', role: 'planner', moaId: '' });
    expect(Object.keys(errorsFor(emptyUserDraft)).sort()).toEqual(['email', 'name']);
  });
});

describe('edit account request', () => {
  const id = '99999999-9999-4999-8999-999999999999';

  it('sends name, role and the MOA that role has', () => {
    const request = userUpdateRequest({ id, email: 'x@example.org', name: 'Nur', role: 'viewer', moaId: MOA_ID });
    expect(request).toEqual({ id, name: 'Nur', role: 'viewer', moaId: MOA_ID });
    expect(zUpdateUserRequest.safeParse(request).success).toBe(true);
  });

  it('a role without a MOA, or an unchosen MOA, sends null', () => {
    expect(userUpdateRequest({ id, email: '', name: 'Nur', role: 'mfbm_reviewer', moaId: MOA_ID }).moaId).toBeNull();
    expect(userUpdateRequest({ id, email: '', name: 'Nur', role: 'planner', moaId: '' }).moaId).toBeNull();
  });
});
