import { describe, expect, it } from 'vitest';
import { missingCredentials } from './sign-in-model';

describe('missingCredentials', () => {
  it('names what is missing instead of calling an empty form a wrong password', () => {
    expect(missingCredentials('', '')).toBe('Enter your email and password.');
    expect(missingCredentials('   ', 'secret')).toBe('Enter your email.');
    expect(missingCredentials('planner@example.org', '')).toBe('Enter your password.');
  });

  it('lets a filled form through (a password of spaces is still a password)', () => {
    expect(missingCredentials('planner@example.org', 'ppa-demo-2026')).toBeNull();
    expect(missingCredentials('planner@example.org', '   ')).toBeNull();
  });
});
