import type { NotificationKind } from '@/server/domain/types';

/** Each kind as the profile page's email switch says it: "Email me when …". */
export const EMAIL_SWITCH_LABELS: Record<NotificationKind, string> = {
  review_waiting: 'a PPA enters a review stage I decide',
  ppa_approved: 'my MOA’s PPA is approved',
  ppa_rejected: 'my MOA’s PPA is rejected',
  ppa_enacted: 'my MOA’s PPA is enacted',
  alert_raised: 'an alert is raised on a PPA I follow',
  budget_unlocked: 'an admin unlocks a PPA’s budget',
  daily_digest: 'it is 07:00 and PPAs wait on my decision (the daily digest)',
  system_alert: 'the system is slow or a background job fails',
  modification_waiting: 'a modification request waits on my decision',
  modification_decided: 'my MOA’s modification request is decided',
};

/** The bell's accessible name: what a screen reader says, and what tells the unread count without the badge. */
export function bellLabel(unread: number): string {
  return `Notifications, ${unread} unread`;
}

/** What the badge shows: the count, capped so it stays a badge. */
export function badgeText(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 99 ? '99+' : String(unread);
}

/** A paragraph that quotes what someone wrote (a rejection's reason, an unlock's, a decision's comment). */
const isQuote = (paragraph: string) => paragraph.startsWith('“');

/**
 * What the list shows of a notification: the first paragraph and the words quoted right after it, so a
 * rejection shows its reason without opening anything ("Farida rejected it:" then “Attach the canvass.”).
 */
export function leadOf(body: string): string {
  const paragraphs = body.split('\n\n');
  const quoted = paragraphs.slice(1).findIndex((p) => !isQuote(p));
  return paragraphs.slice(0, quoted < 0 ? paragraphs.length : quoted + 1).join('\n\n');
}

/** The rest of the body (the facts, what to do next), behind "Details"; empty when the lead says it all. */
export function detailsOf(body: string): string {
  const lead = leadOf(body);
  return body.slice(lead.length).replace(/^\n+/, '');
}
