import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { processSingleton, replaceProcessSingleton } from './process-singletons';

// A name nothing else in this test file uses; cleared around each test.
beforeEach(() => replaceProcessSingleton('collab-listener', undefined));
afterEach(() => replaceProcessSingleton('collab-listener', undefined));

describe('process singletons', () => {
  it('creates a singleton once, under a registry symbol every module copy finds', () => {
    const create = vi.fn(() => ({ made: 1 }));
    const first = processSingleton('collab-listener', create);
    expect(processSingleton('collab-listener', create)).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
    // What another copy of the module (Next's bundle) sees: the same object on globalThis.
    expect((globalThis as unknown as Record<symbol, unknown>)[Symbol.for('ppa-tracker.collab-listener')]).toBe(first);
  });

  it('lets a test put its own in place, and clearing it makes the next use create one anew', () => {
    const mine = { made: 'by the test' };
    replaceProcessSingleton('collab-listener', mine);
    expect(processSingleton('collab-listener', () => ({ made: 'default' }))).toBe(mine);
    replaceProcessSingleton('collab-listener', undefined);
    expect(processSingleton('collab-listener', () => ({ made: 'default' }))).toEqual({ made: 'default' });
  });
});
