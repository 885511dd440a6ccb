import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '@/server/domain/types';
import { badgeText, bellLabel, detailsOf, EMAIL_SWITCH_LABELS, leadOf } from './notification-labels';

describe('notification labels', () => {
  it('has a switch label for every kind', () => {
    for (const kind of NOTIFICATION_KINDS) expect(EMAIL_SWITCH_LABELS[kind]).toMatch(/\w/);
  });

  it('names the bell with its unread count, and caps the badge', () => {
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
    expect(bellLabel(0)).toBe('Notifications, 0 unread');
    expect([badgeText(0), badgeText(-1), badgeText(7), badgeText(99), badgeText(100)]).toEqual([null, null, '7', '99', '99+']);
  });

  it('leads with the first paragraph and the words quoted after it (a rejection’s reason), the rest in the details', () => {
    const rejection = 'Farida rejected it:\n\n“Fix it.”\n\nPPA: X\nStage: Rejected\n\nReopen it as a draft.';
    expect(leadOf(rejection)).toBe('Farida rejected it:\n\n“Fix it.”');
    expect(detailsOf(rejection)).toBe('PPA: X\nStage: Rejected\n\nReopen it as a draft.');
    expect(leadOf('Farida rejected it:\n\nPPA: X')).toBe('Farida rejected it:');
    expect(detailsOf('Farida rejected it:\n\nPPA: X')).toBe('PPA: X');
    expect(leadOf('Only a lead')).toBe('Only a lead');
    expect(detailsOf('Only a lead')).toBe('');
    expect(leadOf('Unlocked:\n\n“Realignment”')).toBe('Unlocked:\n\n“Realignment”');
    expect(leadOf('')).toBe('');
  });
});
