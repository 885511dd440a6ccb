import { describe, expect, it } from 'vitest';
import { isActiveNav, whoLine } from './nav-model';

describe('the active navigation link', () => {
  it('marks a section on its own page and the pages under it', () => {
    expect(isActiveNav('/ppas', '/ppas')).toBe(true);
    expect(isActiveNav('/ppas', '/ppas/1f0e/allocate')).toBe(true);
    expect(isActiveNav('/ppas', '/ppasx')).toBe(false);
    expect(isActiveNav('/alerts', '/ppas')).toBe(false);
    expect(isActiveNav('/ppas', null)).toBe(false);
  });

  it('marks home only on the home page, and a deeper link of the menu rather than its parent', () => {
    expect(isActiveNav('/', '/')).toBe(true);
    expect(isActiveNav('/', '/ppas')).toBe(false);
    expect(isActiveNav('/ppas', '/ppas/new')).toBe(true);
    const menu = ['/ppas', '/ppas/new'];
    expect(isActiveNav('/ppas', '/ppas/new', menu)).toBe(false);
    expect(isActiveNav('/ppas/new', '/ppas/new', menu)).toBe(true);
    expect(isActiveNav('/ppas', '/ppas/123', menu)).toBe(true);
  });
});

describe('who is signed in', () => {
  it('names the MOA once', () => {
    expect(whoLine('Norhaya Planner (MSSD)', 'Planner', 'MSSD')).toBe('Norhaya Planner (MSSD) · Planner');
    expect(whoLine('Field Officer', 'Viewer', 'MSSD')).toBe('Field Officer · Viewer · MSSD');
    expect(whoLine('Amina Admin', 'Administrator', null)).toBe('Amina Admin · Administrator');
  });
});
