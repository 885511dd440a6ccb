import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { processSingleton, replaceProcessSingleton } from './process-singletons';

// A name nothing else in this test file uses; cleared around each test.
beforeEach(() => replaceProcessSingleton('signals', undefined));
afterEach(() => replaceProcessSingleton('signals', undefined));

describe('process singletons', () => {
  it('creates a singleton once, under a registry symbol every module copy finds', () => {
    const create = vi.fn(() => ({ made: 1 }));
    const first = processSingleton('signals', create);
    expect(processSingleton('signals', create)).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
    // What another copy of the module (Next's bundle) sees: the same object on globalThis.
    expect((globalThis as unknown as Record<symbol, unknown>)[Symbol.for('ppa-tracker.signals')]).toBe(first);
  });

  it('lets a test put its own in place, and clearing it makes the next use create one anew', () => {
    const mine = { made: 'by the test' };
    replaceProcessSingleton('signals', mine);
    expect(processSingleton('signals', () => ({ made: 'default' }))).toBe(mine);
    replaceProcessSingleton('signals', undefined);
    expect(processSingleton('signals', () => ({ made: 'default' }))).toEqual({ made: 'default' });
  });
});
