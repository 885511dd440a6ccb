import { describe, expect, it } from 'vitest';
import { passwordProblem, retryAfterWords, roleMoaProblem, roleNeedsMoa } from './accounts';

describe('accounts rules', () => {
  it('planners and viewers need a MOA; the other roles have none', () => {
    expect(roleNeedsMoa('planner')).toBe(true);
    expect(roleNeedsMoa('viewer')).toBe(true);
    expect(roleMoaProblem('planner', null)).toMatch(/belong to a MOA/);
    expect(roleMoaProblem('viewer', 'moa-1')).toBeNull();
    for (const role of ['admin', 'mfbm_reviewer', 'executive'] as const) {
      expect(roleMoaProblem(role, null)).toBeNull();
      expect(roleMoaProblem(role, 'moa-1')).toMatch(/leave the MOA empty/);
    }
  });

  it('passwords have at least 12 characters (counted as characters, not bytes) and at most 200', () => {
    expect(passwordProblem('elevenchars')).toMatch(/at least 12/);
    expect(passwordProblem('twelve chars')).toBeNull();
    expect(passwordProblem('ñññññññññññ')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(201))).toMatch(/at most 200/);
  });

  it('says when to try again, rounded up', () => {
    expect(retryAfterWords(0.2)).toBe('Try again in 1 second.');
    expect(retryAfterWords(45)).toBe('Try again in 45 seconds.');
    expect(retryAfterWords(60)).toBe('Try again in 1 minute.');
    expect(retryAfterWords(61)).toBe('Try again in 2 minutes.');
    expect(retryAfterWords(900)).toBe('Try again in 15 minutes.');
  });
});
