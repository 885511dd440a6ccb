import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '@/server/domain/types';
import { badgeText, bellLabel, EMAIL_SWITCH_LABELS, leadOf } from './notification-labels';

describe('notification labels', () => {
  it('has a switch label for every kind', () => {
    for (const kind of NOTIFICATION_KINDS) expect(EMAIL_SWITCH_LABELS[kind]).toMatch(/\w/);
  });

  it('names the bell with its unread count, and caps the badge', () => {
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
    expect(bellLabel(0)).toBe('Notifications, 0 unread');
    expect([badgeText(0), badgeText(-1), badgeText(7), badgeText(99), badgeText(100)]).toEqual([null, null, '7', '99', '99+']);
  });

  it('shows the first paragraph of a body as its lead', () => {
    expect(leadOf('Farida rejected it:\n\n“Fix it.”\n\nPPA: X')).toBe('Farida rejected it:');
    expect(leadOf('')).toBe('');
  });
});
