import { describe, expect, it } from 'vitest';
import { validateTokenName } from './api-tokens-model';

describe('API token name', () => {
  it('a name becomes the create request, trimmed as the server does it', () => {
    expect(validateTokenName('  BPDA dashboard ')).toEqual({ ok: true, request: { name: 'BPDA dashboard' } });
  });

  it('an empty name is refused with the server’s message', () => {
    expect(validateTokenName('   ')).toEqual({ ok: false, error: 'Name the token after what will use it, like "BPDA dashboard".' });
  });

  it('a too-long name is refused', () => {
    expect(validateTokenName('x'.repeat(101))).toEqual({ ok: false, error: 'Keep the name under 100 characters.' });
  });
});
