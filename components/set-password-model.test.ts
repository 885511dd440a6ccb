import { describe, expect, it } from 'vitest';
import { zSetPasswordRequest } from '@/server/contracts/user';
import { MIN_PASSWORD_LENGTH } from '@/server/domain/accounts';
import { PASSWORDS_DIFFER, setPasswordProblem, tokenFromHash } from './set-password-model';

describe('set-password form', () => {
  const good = 'correct horse battery';

  it('accepts a long enough password typed twice the same', () => {
    expect(setPasswordProblem(good, good)).toBeNull();
    expect(zSetPasswordRequest.safeParse({ token: 't', password: good }).success).toBe(true);
  });

  it('refuses a short password with the server’s message, before comparing', () => {
    const short = 'x'.repeat(MIN_PASSWORD_LENGTH - 1);
    expect(setPasswordProblem(short, 'different')).toBe(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
    expect(zSetPasswordRequest.safeParse({ token: 't', password: short }).error?.issues[0]?.message).toBe(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  });

  it('refuses an over-long password', () => {
    const long = 'x'.repeat(201);
    expect(setPasswordProblem(long, long)).toBe('Use at most 200 characters.');
  });

  it('refuses two different passwords', () => {
    expect(setPasswordProblem(good, `${good}!`)).toBe(PASSWORDS_DIFFER);
  });

  it('reads the token from the link’s fragment', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('#other=1&token=a%2Bb')).toBe('a+b');
    expect(tokenFromHash('')).toBe('');
    expect(tokenFromHash('#nothing')).toBe('');
  });
});
