import { seesAllMoas } from './access';
import { stagesDecidedBy } from './alerts';
import { formatStoredPesos } from './money';
import { manilaDay } from './schedule';
import type { ALERT_SEVERITIES, ALERT_TYPES, ApprovalStage, ModificationAction, ModificationStatus, NotificationKind, UserRole } from './types';
import { STAGE_WORDS } from './workflow';

/**
 * Who is told what (docs/domain-rules.md, "Notifications"), and the words they are told in: in the app and by email.
 * Pure: the services read the people and the PPA, these rules decide.
 */

/** What the rules need to know of a person who might be told. */
export interface Person {
  id: string;
  role: UserRole;
  moaId: string | null;
  /** A deactivated person is told nothing. */
  active: boolean;
}

/** The PPA an announcement is about, as the message shows it. */
export interface AnnouncedPpa {
  id: string;
  title: string;
  moaId: string;
  moaCode: string;
  approvalStage: ApprovalStage;
  budgetAllocation: string | null;
}

export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type AlertType = (typeof ALERT_TYPES)[number];

/** A change worth telling people about, with what the message needs. `actorId` null: the system did it. */
export type Announcement =
  | { type: 'stage_changed'; ppa: AnnouncedPpa; from: ApprovalStage; to: ApprovalStage; actorId: string | null; actorName: string; comment: string | null }
  | { type: 'alert_raised'; ppa: AnnouncedPpa; alert: { type: AlertType; severity: AlertSeverity; title: string; message: string } }
  | { type: 'budget_unlocked'; ppa: AnnouncedPpa; actorId: string | null; actorName: string; reason: string }
  | {
      type: 'modification';
      ppa: AnnouncedPpa;
      request: { id: string; totalAmount: string; status: ModificationStatus; awaitingRole: UserRole | null };
      action: ModificationAction;
      actorId: string | null;
      actorName: string;
      comment: string | null;
    };

export interface Addressee {
  userId: string;
  kind: NotificationKind;
}

/**
 * Whether a PPA in `stage` waits on this role's decision. Admins may decide every stage, but as the fallback,
 * not as its reviewers: telling them of every submission would bury the unlocks they are told of.
 */
export function waitsOnRole(role: UserRole, stage: ApprovalStage): boolean {
  return role !== 'admin' && stagesDecidedBy(role).includes(stage);
}

const isPlannerOf = (person: Person, ppa: AnnouncedPpa) => person.role === 'planner' && person.moaId === ppa.moaId;

/** The kind of notice this person gets of the announcement, or null when it is none of theirs. */
function kindFor(announcement: Announcement, person: Person): NotificationKind | null {
  const { ppa } = announcement;
  switch (announcement.type) {
    case 'stage_changed': {
      if (isPlannerOf(person, ppa)) {
        if (announcement.to === 'approved') return 'ppa_approved';
        if (announcement.to === 'rejected') return 'ppa_rejected';
        if (announcement.to === 'enacted') return 'ppa_enacted';
        return null;
      }
      return waitsOnRole(person.role, announcement.to) ? 'review_waiting' : null;
    }
    case 'alert_raised':
      return isPlannerOf(person, ppa) || person.role === 'mfbm_reviewer' ? 'alert_raised' : null;
    case 'budget_unlocked':
      return person.role === 'admin' ? 'budget_unlocked' : null;
    case 'modification': {
      const { request, action } = announcement;
      // Whoever the request now waits on (admins decide as the fallback, like PPA stages: not told of each).
      if (request.status === 'submitted' && request.awaitingRole && person.role === request.awaitingRole && person.role !== 'admin')
        return 'modification_waiting';
      // The MOA's planners hear of every step after submission: endorsed, approved, rejected, returned, withdrawn.
      if (action !== 'submit' && isPlannerOf(person, ppa)) return 'modification_decided';
      return null;
    }
  }
}

/** Planners and viewers see their own MOA's PPAs only (the rule services/access/ppa-scope.ts applies in SQL). */
function maySee(person: Person, ppa: AnnouncedPpa): boolean {
  return seesAllMoas({ userId: person.id, role: person.role, moaId: person.moaId, name: '' }) || person.moaId === ppa.moaId;
}

/**
 * Who is told of an announcement, and as what: the reviewers of the stage a PPA enters; the MOA's planners
 * when it is approved, rejected or enacted; the MOA's planners and the MFBM reviewers of an alert on it; the
 * admins of an unlock. Never someone who may not see the PPA, never a deactivated person, and never the
 * person who made the change: they know, and a bell for one's own click teaches people to ignore the bell.
 */
export function addresseesOf(announcement: Announcement, people: readonly Person[]): Addressee[] {
  const actorId = announcement.type === 'alert_raised' ? null : announcement.actorId;
  const told: Addressee[] = [];
  for (const person of people) {
    if (!person.active || person.id === actorId || !maySee(person, announcement.ppa)) continue;
    const kind = kindFor(announcement, person);
    if (kind) told.push({ userId: person.id, kind });
  }
  return told;
}

/** Roles that decide modification requests as their own work (admins only as the fallback). */
const MODIFICATION_DECIDERS: readonly UserRole[] = ['moa_head', 'mfbm_reviewer', 'executive'];

const decidesStages = (role: UserRole) => stagesDecidedBy(role).some((stage) => waitsOnRole(role, stage));

/** Whether this role gets the 07:00 digest: those on whom a stage or a modification request may wait. */
export function getsDailyDigest(role: UserRole): boolean {
  return decidesStages(role) || MODIFICATION_DECIDERS.includes(role);
}

/** The kinds a role is ever told of: what the profile page offers to switch off by email. */
export function kindsToldTo(role: UserRole): NotificationKind[] {
  const kinds: NotificationKind[] = [];
  if (decidesStages(role)) kinds.push('review_waiting');
  if (role === 'planner') kinds.push('ppa_approved', 'ppa_rejected', 'ppa_enacted');
  if (role === 'planner' || role === 'mfbm_reviewer') kinds.push('alert_raised');
  if (role === 'admin') kinds.push('budget_unlocked');
  if (MODIFICATION_DECIDERS.includes(role)) kinds.push('modification_waiting');
  if (role === 'planner') kinds.push('modification_decided');
  if (getsDailyDigest(role)) kinds.push('daily_digest');
  return kinds;
}

// ---------------------------------------------------------------------------------------------------------
// The words.

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const stageName = (stage: ApprovalStage) => capitalised(STAGE_WORDS[stage]);

/** One line, whatever a title holds: an email subject must not carry a line break. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface NotificationText {
  title: string;
  /** Paragraphs separated by a blank line; the facts paragraph is "Label: value" lines (see FACT_LABELS). */
  body: string;
}

/** The labels of the facts paragraph, which the HTML email sets in bold. */
export const FACT_LABELS = ['PPA', 'Stage', 'Budget allocation', 'Alert', 'Modification'] as const;

function factsOf(ppa: AnnouncedPpa, stage: ApprovalStage, extra: string[] = []): string {
  return [
    `PPA: ${oneLine(ppa.title)} (${ppa.moaCode})`,
    `Stage: ${stageName(stage)}`,
    `Budget allocation: ${ppa.budgetAllocation === null ? 'not set yet' : formatStoredPesos(ppa.budgetAllocation)}`,
    ...extra,
  ].join('\n');
}

const quoted = (text: string) => `“${text.trim()}”`;

/** What the person is told, in the app and as the email's subject and body. */
export function notificationText(kind: NotificationKind, announcement: Announcement): NotificationText {
  const { ppa } = announcement;
  const title = oneLine(ppa.title);
  switch (announcement.type) {
    case 'stage_changed': {
      const { to, from, actorName, comment } = announcement;
      const said = comment ? [quoted(comment)] : [];
      if (kind === 'ppa_rejected') {
        return {
          title: `Rejected in ${STAGE_WORDS[from]}: ${title}`,
          body: [
            `${actorName} rejected “${title}” in ${STAGE_WORDS[from]}:`,
            ...said,
            factsOf(ppa, to),
            'Reopen it as a draft, address the comment, and submit it again.',
          ].join('\n\n'),
        };
      }
      if (kind === 'ppa_approved') {
        return {
          title: `Approved: ${title}`,
          body: [`${actorName} approved “${title}” in executive approval.`, ...said, factsOf(ppa, to), 'It can now be enacted.'].join('\n\n'),
        };
      }
      if (kind === 'ppa_enacted') {
        return {
          title: `Enacted: ${title}`,
          body: [`${actorName} enacted “${title}”.`, ...said, factsOf(ppa, to), 'Execution starts: record its spending and progress on the PPA’s page.'].join(
            '\n\n',
          ),
        };
      }
      const moved = from === 'draft' ? `submitted “${title}” for ${STAGE_WORDS[to]}` : `moved “${title}” from ${STAGE_WORDS[from]} to ${STAGE_WORDS[to]}`;
      return {
        title: `Waiting for your ${STAGE_WORDS[to]}: ${title}`,
        body: [`${actorName} ${moved}. It waits for your decision.`, ...said, factsOf(ppa, to)].join('\n\n'),
      };
    }
    case 'alert_raised': {
      const { alert } = announcement;
      return {
        title: `${capitalised(alert.severity)} alert on ${title}: ${oneLine(alert.title)}`,
        body: [alert.message, factsOf(ppa, ppa.approvalStage, [`Alert: ${capitalised(alert.type.replaceAll('_', ' '))} (${alert.severity})`])].join('\n\n'),
      };
    }
    case 'modification':
      return modificationText(kind, announcement);
    case 'budget_unlocked':
      return {
        title: `Budget unlocked: ${title}`,
        body: [
          `${announcement.actorName} unlocked the budget of “${title}”. The reason given:`,
          quoted(announcement.reason),
          factsOf(ppa, ppa.approvalStage),
          'Its allocations can be changed again until the budget is locked.',
        ].join('\n\n'),
      };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Emails.

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const FACT_LINE = new RegExp(`^(${FACT_LABELS.join('|')}): (.*)$`);

function htmlParagraph(paragraph: string): string {
  const lines = paragraph.split('\n');
  if (lines.every((line) => FACT_LINE.test(line))) {
    const rows = lines.map((line) => {
      const [, label, value] = FACT_LINE.exec(line)!;
      return `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(label!)}</th><td>${escapeHtml(value!)}</td></tr>`;
    });
    return `<table style="border-collapse:collapse;margin:12px 0">${rows.join('')}</table>`;
  }
  if (paragraph.startsWith('“')) {
    return `<blockquote style="margin:12px 0;padding:8px 12px;border-left:4px solid #e11d48;background:#fff1f2">${escapeHtml(paragraph)}</blockquote>`;
  }
  return `<p>${lines.map(escapeHtml).join('<br>')}</p>`;
}

function page(heading: string, inner: string, action: { label: string; url: string }, footer: string): string {
  return [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:640px">',
    `<h1 style="font-size:18px">${escapeHtml(heading)}</h1>`,
    inner,
    `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 16px;background:#047857;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(action.label)}</a></p>`,
    `<p style="font-size:12px;color:#475569">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
}

function settingsFooter(origin: string): string {
  return `You can turn these emails off, kind by kind, on your profile page: ${origin}/profile`;
}

/** The email of one notification: its title as the subject, its body, and the link to the page. */
export function notificationEmail(notification: { title: string; body: string; link: string }, origin: string): RenderedEmail {
  const url = `${origin}${notification.link}`;
  const footer = settingsFooter(origin);
  return {
    subject: oneLine(notification.title),
    text: `${notification.body}\n\nOpen the PPA: ${url}\n\n--\n${footer}\n`,
    html: page(oneLine(notification.title), notification.body.split('\n\n').map(htmlParagraph).join('\n'), { label: 'Open the PPA', url }, footer),
  };
}

/** One PPA (or one modification request on it) waiting on a reviewer, executive or MOA head, as the digest lists it. */
export interface DigestEntry {
  /** Set for a modification request: its id and the amount it moves. */
  modification?: { requestId: string; totalAmount: string };
  id: string;
  title: string;
  moaCode: string;
  approvalStage: ApprovalStage;
  budgetAllocation: string | null;
  waitingSince: string;
  daysWaiting: number;
}

const dayWords = new Intl.DateTimeFormat('en-PH', { timeZone: 'Asia/Manila', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

const daysText = (days: number) => (days === 1 ? '1 day' : `${days} days`);

/** The key that makes a person's digest one per Manila day. */
export function digestDeliveryKey(userId: string, now: Date): string {
  return `digest:${userId}:${manilaDay(now)}`;
}

export function digestSubject(count: number, now: Date, modifications = 0): string {
  const what =
    modifications === 0
      ? count === 1
        ? 'PPA waits'
        : 'PPAs wait'
      : modifications === count
        ? count === 1
          ? 'modification request waits'
          : 'modification requests wait'
        : 'PPAs and modification requests wait';
  return `${count} ${what} on your decision (${dayWords.format(now)})`;
}

/** The 07:00 digest: what waits on this person, oldest first, with the days each has waited. */
export function digestEmail(name: string, entries: readonly DigestEntry[], now: Date, origin: string): RenderedEmail {
  const ordered = [...entries].sort((a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.id.localeCompare(b.id));
  const lines = ordered.map((e) =>
    e.modification
      ? {
          head: `${oneLine(e.title)} (${e.moaCode})`,
          detail: `Modification request · ${formatStoredPesos(e.modification.totalAmount)} · waiting ${daysText(e.daysWaiting)}`,
          url: `${origin}/modifications/${e.modification.requestId}`,
        }
      : {
          head: `${oneLine(e.title)} (${e.moaCode})`,
          detail: `${stageName(e.approvalStage)} · ${e.budgetAllocation === null ? 'no allocation yet' : formatStoredPesos(e.budgetAllocation)} · waiting ${daysText(e.daysWaiting)}`,
          url: `${origin}/ppas/${e.id}`,
        },
  );
  const modifications = ordered.filter((e) => e.modification).length;
  const intro = `Good morning, ${name}. ${modifications === 0 ? 'These PPAs wait' : 'These wait'} on your decision, the longest waiting first:`;
  const footer = settingsFooter(origin);
  // Someone on whom only modification requests wait (an MOA head) has them as their queue, not the PPA reviews.
  const queue = modifications === ordered.length ? `${origin}/modifications?waiting=1` : `${origin}/reviews`;
  const text = [intro, ...lines.map((l, i) => `${i + 1}. ${l.head}\n   ${l.detail}\n   ${l.url}`), `Your review queue: ${queue}`, `--\n${footer}`].join('\n\n');
  const items = lines.map(
    (l) =>
      `<li style="margin-bottom:8px"><a href="${escapeHtml(l.url)}">${escapeHtml(l.head)}</a><br><span style="color:#475569">${escapeHtml(l.detail)}</span></li>`,
  );
  return {
    subject: digestSubject(ordered.length, now, modifications),
    text: `${text}\n`,
    html: page(
      digestSubject(ordered.length, now, modifications),
      `<p>${escapeHtml(intro)}</p>\n<ol>${items.join('\n')}</ol>`,
      { label: 'Open your review queue', url: queue },
      footer,
    ),
  };
}

const MODIFICATION_DONE: Record<ModificationAction, string> = {
  submit: 'submitted',
  endorse: 'endorsed to the executive',
  approve: 'approved',
  reject: 'rejected',
  return: 'returned for revision',
  withdraw: 'withdrew',
};

/** The words of a modification request's step: to the one it now waits on, or to the MOA's planners. */
function modificationText(kind: NotificationKind, announcement: Extract<Announcement, { type: 'modification' }>): NotificationText {
  const { ppa, request, action, actorName, comment } = announcement;
  const title = oneLine(ppa.title);
  const amount = formatStoredPesos(request.totalAmount);
  const said = comment ? [quoted(comment)] : [];
  const facts = factsOf(ppa, ppa.approvalStage, [`Modification: ${amount}`]);
  if (kind === 'modification_waiting') {
    return {
      title: `Modification waiting for your decision: ${title}`,
      body: [`${actorName} ${MODIFICATION_DONE[action]} a request to move ${amount} within “${title}”. It waits for your decision.`, ...said, facts].join(
        '\n\n',
      ),
    };
  }
  const did =
    action === 'withdraw' ? `${actorName} withdrew the request to move ${amount}` : `${actorName} ${MODIFICATION_DONE[action]} the request to move ${amount}`;
  return {
    title: `Modification ${action === 'withdraw' ? 'withdrawn' : MODIFICATION_DONE[action]}: ${title}`,
    body: [
      `${did} within “${title}”.`,
      ...said,
      facts,
      action === 'approve' ? 'The adjusted allocations apply from now on.' : action === 'return' ? 'Revise it and submit it again.' : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
  };
}
