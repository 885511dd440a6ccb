import { InngestTestEngine } from '@inngest/test';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db';
import { emailDeliveries, eventOutbox, notifications, users } from '@/db/schema';
import { stableId } from '@/db/seed/stable-id';
import { sendNotifications } from '@/inngest/functions';
import { giveBalancedPlans } from '@/test/plans';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { startSmtpPeer, type ReceivedEmail, type SmtpPeer } from '@/test/smtp';
import { callerFor, demoApiToken, demoViewer } from '@/test/viewers';
import { configureEventSender, inProcessSender } from '../events/publish';
import type { SendableEvent } from '../events/outbox';
import { handleRestRequest } from '../../http/rest-handler';
import { NEVER_BLOCKING_LIMITS } from '@/test/failure-limits';
import { emailSendsSettled, setEmailRetryDelays } from './email-runner';
import { DEFAULT_MAIL_FROM, logMailer, mailerFromEnv, setMailer, smtpMailer } from './mailer';
import { sendEmail, sendLeftoverEmails, SWEEP_AFTER_MS } from './send-email';
import { processSignals } from '../effects/signals';
import { watchUnreadCount } from './unread-signal';

/**
 * Notifications end to end, against a real SMTP server (smtp-server on a free loopback port): each kind reaches
 * exactly its people with the right subject and body; a redelivered event sends nothing twice; a mail server
 * that is down is retried with backoff by the in-process runner and delivers once when it is back.
 */

const ORIGIN = 'https://ppa.example.gov.ph';
const LIVELIHOOD = stableId('ppa:mssd-livelihood');
const INVITATIONS = stableId('ppa:mssd-livelihood:item:Preparation:Invitations');
const MSSD = stableId('moa:MSSD');

let handle: TestDatabase;
let peer: SmtpPeer;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let planner: Caller;
let reviewer: Caller;
let executive: Caller;
let admin: Caller;
const savedAuthUrl = process.env.AUTH_URL;

const TEST_RETRY_DELAYS = [50, 100, 200, 400, 800, 1600, 3200];

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  setDatabase(handle);
  process.env.AUTH_URL = ORIGIN;
  peer = await startSmtpPeer();
  setMailer(smtpMailer(peer.url));
  // The in-process runner's backoff, shortened: each wait doubles, as in production.
  setEmailRetryDelays(TEST_RETRY_DELAYS);
  planner = await callerFor(handle.db, 'planner@example.org');
  reviewer = await callerFor(handle.db, 'reviewer@example.org');
  executive = await callerFor(handle.db, 'executive@example.org');
  admin = await callerFor(handle.db, 'admin@example.org');
});

afterAll(async () => {
  await emailSendsSettled();
  setMailer(undefined);
  setEmailRetryDelays(undefined);
  configureEventSender(null);
  await peer.close();
  setDatabase(undefined);
  await handle.close();
  if (savedAuthUrl === undefined) delete process.env.AUTH_URL;
  else process.env.AUTH_URL = savedAuthUrl;
});

let serial = 0;
async function newPpa(title: string): Promise<string> {
  serial += 1;
  const { id } = await planner.ppa.create({
    title: `${title} ${serial}`,
    category: 'project',
    sector: 'economic',
    fiscalYear: 2026,
    budgetCeiling: '3000000',
    budgetAllocation: '3000000',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
  });
  return id;
}

async function titleOf(id: string): Promise<string> {
  return (await planner.ppa.get({ id })).title;
}

/** Waits for the background sends, then takes what the SMTP peer received since last time. */
async function mail(): Promise<ReceivedEmail[]> {
  await emailSendsSettled();
  return peer.received.splice(0);
}

const envelope = (received: ReceivedEmail[]) => received.map((m) => [m.to.join(','), m.subject]);

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function stageChangedEvent(ppaId: string, to: string): Promise<SendableEvent> {
  const [row] = await handle.db
    .select()
    .from(eventOutbox)
    .where(and(eq(eventOutbox.name, 'ppa/stage-changed'), sql`${eventOutbox.payload}->>'ppaId' = ${ppaId}`, sql`${eventOutbox.payload}->>'to' = ${to}`));
  return { id: row!.id, name: row!.name, data: row!.payload } as SendableEvent;
}

async function notificationsOf(email: string) {
  return handle.db
    .select({ kind: notifications.kind, title: notifications.title })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientId))
    .where(eq(users.email, email));
}

/** Makes `change` with the mail server refusing every attempt and no retries left, then puts the real peer back. */
async function withMailServerDown(change: () => Promise<unknown>): Promise<void> {
  setMailer({ kind: 'smtp', send: async () => Promise.reject(new Error('connection refused')) });
  setEmailRetryDelays([]);
  try {
    await change();
    await emailSendsSettled();
  } finally {
    setMailer(smtpMailer(peer.url));
    setEmailRetryDelays(TEST_RETRY_DELAYS);
  }
}

describe('who is told what, by a real SMTP server', () => {
  it('a PPA through the workflow: reviewers on their stages, the executive on theirs, the planners on approval and enactment', async () => {
    const id = await newPpa('Seaweed Farming Starter Kits');
    const title = await titleOf(id);

    await planner.ppa.transition({ id, to: 'technical_review' });
    const [submitted, ...none] = await mail();
    expect(none).toEqual([]);
    expect(envelope([submitted!])).toEqual([['reviewer@example.org', `Waiting for your technical review: ${title}`]]);
    expect(submitted!.from).toBe('no-reply@ppa-tracker.invalid');
    expect(DEFAULT_MAIL_FROM).toContain(submitted!.from);
    expect(submitted!.text).toContain(`Norhaya Planner (MSSD) submitted “${title}” for technical review. It waits for your decision.`);
    expect(submitted!.text).toContain(`PPA: ${title} (MSSD)\nStage: Technical review\nBudget allocation: ₱3,000,000.00`);
    expect(submitted!.text).toContain(`Open the PPA: ${ORIGIN}/ppas/${id}`);
    expect(submitted!.html).toContain(`href="${ORIGIN}/ppas/${id}"`);
    expect(submitted!.html).toContain('<th align="left" style="padding:2px 12px 2px 0">Budget allocation</th><td>₱3,000,000.00</td>');

    // The one reviewer moved it on: nobody else reviews, and nobody is told of their own decision.
    await giveBalancedPlans(planner, id);
    await reviewer.ppa.transition({ id, to: 'budget_review' });
    expect(await mail()).toEqual([]);

    await reviewer.ppa.transition({ id, to: 'executive_approval' });
    const waiting = await mail();
    expect(envelope(waiting)).toEqual([['executive@example.org', `Waiting for your executive approval: ${title}`]]);
    expect(waiting[0]!.text).toContain('Farida Reviewer (MFBM) moved');

    await executive.ppa.transition({ id, to: 'approved' });
    const approved = await mail();
    expect(envelope(approved)).toEqual([['planner@example.org', `Approved: ${title}`]]);
    expect(approved[0]!.text).toContain('Stage: Approved');

    await executive.ppa.transition({ id, to: 'enacted' });
    const enacted = await mail();
    expect(envelope(enacted)).toEqual([['planner@example.org', `Enacted: ${title}`]]);
    expect(enacted[0]!.text).toContain('Hon. Ismael Executive enacted');
  });

  it('a rejection reaches the MOA’s planners with the reviewer’s comment, in text and in HTML', async () => {
    const id = await newPpa('Mangrove Rehabilitation');
    const title = await titleOf(id);
    await planner.ppa.transition({ id, to: 'technical_review' });
    await mail();
    await reviewer.ppa.transition({ id, to: 'rejected', comment: 'The baseline survey is missing; attach it & resubmit <soon>.' });
    const [rejected, ...none] = await mail();
    expect(none).toEqual([]);
    expect(envelope([rejected!])).toEqual([['planner@example.org', `Rejected in technical review: ${title}`]]);
    expect(rejected!.text).toContain(
      `Farida Reviewer (MFBM) rejected “${title}” in technical review:\n\n“The baseline survey is missing; attach it & resubmit <soon>.”`,
    );
    expect(rejected!.text).toContain('Stage: Rejected');
    expect(rejected!.text).toContain('Reopen it as a draft, address the comment, and submit it again.');
    expect(rejected!.html).toContain('“The baseline survey is missing; attach it &amp; resubmit &lt;soon&gt;.”</blockquote>');
  });

  it('an alert reaches the MOA’s planners and the reviewers; an unlock reaches the other admins', async () => {
    await planner.workItem.update({ id: INVITATIONS, status: 'blocked' });
    const alerted = await mail();
    const subject = 'High alert on Livelihood Training for OBC Women: Invitations is blocked';
    expect(envelope(alerted).sort()).toEqual([
      ['planner@example.org', subject],
      ['reviewer@example.org', subject],
    ]);
    expect(alerted[0]!.text).toContain('Alert: Workflow blocked (high)');

    await admin.user.create({ email: 'second.admin@example.org', name: 'Second Admin', role: 'admin' });
    await admin.budget.unlockBudget({ id: LIVELIHOOD, reason: 'Realign to the supplemental budget' });
    const unlocked = await mail();
    expect(envelope(unlocked)).toEqual([['second.admin@example.org', 'Budget unlocked: Livelihood Training for OBC Women']]);
    expect(unlocked[0]!.text).toContain(
      'Amina Admin unlocked the budget of “Livelihood Training for OBC Women”. The reason given:\n\n“Realign to the supplemental budget”',
    );
  });

  it('told nobody outside the rules: not another MOA’s planner, not a viewer, not the admin who acted', async () => {
    expect(await notificationsOf('planner.mafar@example.org')).toEqual([]);
    expect(await notificationsOf('viewer@example.org')).toEqual([]);
    expect(await notificationsOf('admin@example.org')).toEqual([]);
    expect((await notificationsOf('planner@example.org')).map((n) => n.kind).sort()).toEqual(['alert_raised', 'ppa_approved', 'ppa_enacted', 'ppa_rejected']);
  });

  it('never tells a deactivated planner, and a switched-off kind stays in the app without an email', async () => {
    const { user: leaving } = await admin.user.create({ email: 'leaving.planner@mssd.example', name: 'Leaving Planner', role: 'planner', moaId: MSSD });
    await admin.user.update({ id: leaving.id, active: false });
    await planner.notification.setPreference({ kind: 'ppa_rejected', emailEnabled: false });
    expect(await planner.notification.preferences()).toEqual([
      { kind: 'ppa_approved', emailEnabled: true },
      { kind: 'ppa_rejected', emailEnabled: false },
      { kind: 'ppa_enacted', emailEnabled: true },
      { kind: 'alert_raised', emailEnabled: true },
      { kind: 'modification_decided', emailEnabled: true },
    ]);
    const id = await newPpa('Halal Food Processing Center');
    await planner.ppa.transition({ id, to: 'technical_review' });
    await reviewer.ppa.transition({ id, to: 'rejected', comment: 'Not in the BDP.' });
    expect(envelope(await mail())).toEqual([['reviewer@example.org', `Waiting for your technical review: ${await titleOf(id)}`]]);
    expect(await notificationsOf('leaving.planner@mssd.example')).toEqual([]);
    expect((await planner.notification.list({ unread: true }))[0]).toMatchObject({ kind: 'ppa_rejected', link: `/ppas/${id}` });
    await planner.notification.setPreference({ kind: 'ppa_rejected', emailEnabled: true });
    // A kind the role is never told of has no switch.
    await expect(planner.notification.setPreference({ kind: 'daily_digest', emailEnabled: false })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('delivery', () => {
  it('a stage change delivered five times, in-process and through the Inngest function, tells and emails once', async () => {
    const id = await newPpa('Coastal Clean-up');
    await planner.ppa.transition({ id, to: 'technical_review' });
    expect(await mail()).toHaveLength(1);
    const event = await stageChangedEvent(id, 'technical_review');
    for (let i = 0; i < 5; i++) await inProcessSender(handle.db)([event]);
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await new InngestTestEngine({ function: sendNotifications, events: [event] }).execute()).result);
    expect(results).toEqual(Array(5).fill({ notified: 0, emails: 0 }));
    expect(await mail()).toEqual([]);
    expect(await handle.db.select().from(notifications).where(eq(notifications.sourceEventId, event.id))).toHaveLength(1);
  });

  it('with Inngest configured: the outbox id reaches the function as the event id, and five deliveries send one email', async () => {
    const sent: SendableEvent[] = [];
    configureEventSender(async (events) => void sent.push(...events));
    const id = await newPpa('Rice Mill Upgrade');
    try {
      await planner.ppa.transition({ id, to: 'technical_review' });
    } finally {
      configureEventSender(null);
    }
    const event = sent.find((e) => e.name === 'ppa/stage-changed')!;
    expect(event.id).toBe((await stageChangedEvent(id, 'technical_review')).id);
    expect(await mail()).toEqual([]); // nothing ran in-process
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await new InngestTestEngine({ function: sendNotifications, events: [event] }).execute()).result);
    expect(results).toEqual([{ notified: 1, emails: 1 }, ...Array(4).fill({ notified: 0, emails: 0 })]);
    expect(envelope(await mail())).toEqual([['reviewer@example.org', `Waiting for your technical review: ${await titleOf(id)}`]]);
    expect(sendNotifications.opts).toMatchObject({ retries: 6 });
  });

  it('a mail server that is down neither blocks nor undoes the decision; retried with backoff, it delivers once when back', async () => {
    const port = peer.port;
    await peer.close();
    const id = await newPpa('Solar Dryers for Farmers');
    await planner.ppa.transition({ id, to: 'technical_review' });
    const started = Date.now();
    const decided = await reviewer.ppa.transition({ id, to: 'rejected', comment: 'Cost estimates are two years old.' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(decided.approvalStage).toBe('rejected');
    const subject = `Rejected in technical review: ${await titleOf(id)}`;
    const delivery = async () => (await handle.db.select().from(emailDeliveries).where(eq(emailDeliveries.subject, subject)))[0]!;
    // Three attempts made and failed (between attempts the row says why; during one, that it is being sent).
    await until(async () => {
      const row = await delivery();
      return row.attempts >= 3 && /ECONNREFUSED/.test(row.lastError ?? '');
    });
    expect((await delivery()).sentAt).toBeNull();

    peer = await startSmtpPeer({ port });
    const received = (await mail()).filter((m) => m.subject === subject);
    expect(envelope(received)).toEqual([['planner@example.org', subject]]);
    expect(received[0]!.text).toContain('“Cost estimates are two years old.”');
    const sentRow = await delivery();
    expect(sentRow.sentAt).not.toBeNull();
    expect(sentRow.lastError).toBeNull();
    expect(sentRow.attempts).toBeGreaterThanOrEqual(4);

    // The event again (the outbox re-send, a redelivery): nothing more is sent.
    await inProcessSender(handle.db)([await stageChangedEvent(id, 'rejected')]);
    expect((await mail()).filter((m) => m.subject === subject)).toEqual([]);
    expect(await sendEmail(handle.db, sentRow.id)).toBe('already_sent');
  });

  it('an Inngest delivery whose email fails throws, so Inngest retries the step; the notification is written once', async () => {
    const sent: SendableEvent[] = [];
    configureEventSender(async (events) => void sent.push(...events));
    const id = await newPpa('Fish Port Expansion');
    await planner.ppa.transition({ id, to: 'technical_review' });
    configureEventSender(null);
    const event = sent.find((e) => e.name === 'ppa/stage-changed')!;
    setMailer({ kind: 'smtp', send: async () => Promise.reject(new Error('421 try again later')) });
    try {
      const failed = await new InngestTestEngine({ function: sendNotifications, events: [event] }).execute();
      expect(failed.error).toMatchObject({ message: '421 try again later' });
    } finally {
      setMailer(smtpMailer(peer.url));
    }
    const retried = await new InngestTestEngine({ function: sendNotifications, events: [event] }).execute();
    expect(retried.result).toEqual({ notified: 0, emails: 1 });
    expect(envelope(await mail())).toEqual([['reviewer@example.org', `Waiting for your technical review: ${await titleOf(id)}`]]);
  });

  it('an attempt in progress is left alone by every other sender, until its mark is older than any attempt takes', async () => {
    const id = await newPpa('Seed Bank');
    await withMailServerDown(() => planner.ppa.transition({ id, to: 'technical_review' }));
    const subject = `Waiting for your technical review: ${await titleOf(id)}`;
    const [row] = await handle.db.select().from(emailDeliveries).where(eq(emailDeliveries.subject, subject));
    expect(row!.lastError).toBe('Error: connection refused');
    await handle.db
      .update(emailDeliveries)
      .set({ lastError: sql`'sending since ' || (now() - interval '1 minute')::text` })
      .where(eq(emailDeliveries.id, row!.id));
    expect(await sendEmail(handle.db, row!.id)).toBe('taken');
    expect(await mail()).toEqual([]);
    // A sender that died mid-attempt: after ten minutes its mark no longer holds the email back.
    await handle.db
      .update(emailDeliveries)
      .set({ lastError: sql`'sending since ' || (now() - interval '11 minutes')::text` })
      .where(eq(emailDeliveries.id, row!.id));
    expect(await sendEmail(handle.db, row!.id)).toBe('sent');
    expect(envelope(await mail())).toEqual([['reviewer@example.org', subject]]);
  });

  it('the 07:00 sweep sends what every retry missed; an email no longer due is dropped, not sent', async () => {
    const id = await newPpa('Abaca Nursery');
    await withMailServerDown(() => planner.ppa.transition({ id, to: 'technical_review' }));
    const subject = `Waiting for your technical review: ${await titleOf(id)}`;
    const [left] = await handle.db.select().from(emailDeliveries).where(eq(emailDeliveries.subject, subject));
    expect(left).toMatchObject({ sentAt: null, attempts: 1 });
    // Too young for the sweep (a runner may still hold it); three hours on, it goes.
    expect(await sendLeftoverEmails(handle.db, new Date())).toEqual({ sent: 0, failed: 0 });
    expect(await sendLeftoverEmails(handle.db, new Date(Date.now() + SWEEP_AFTER_MS + 60_000))).toEqual({ sent: 1, failed: 0 });
    expect(envelope(await mail())).toEqual([['reviewer@example.org', subject]]);

    // Recorded for someone deactivated before it went: dropped.
    const { user } = await admin.user.create({ email: 'short.stay@example.org', name: 'Short Stay', role: 'mfbm_reviewer' });
    const id2 = await newPpa('Cacao Value Chain');
    await withMailServerDown(() => planner.ppa.transition({ id: id2, to: 'technical_review' }));
    await admin.user.update({ id: user.id, active: false });
    const [theirs] = await handle.db.select().from(emailDeliveries).where(eq(emailDeliveries.recipientId, user.id));
    expect(await sendEmail(handle.db, theirs!.id)).toBe('not_due');
    expect(await handle.db.select().from(emailDeliveries).where(eq(emailDeliveries.recipientId, user.id))).toEqual([]);
    expect(await sendEmail(handle.db, theirs!.id)).toBe('not_due');
    await emailSendsSettled();
    peer.received.splice(0);
  });
});

describe('the in-app side', () => {
  const limits = NEVER_BLOCKING_LIMITS;
  const rest = (method: string, path: string, token: string) =>
    handleRestRequest(new Request(`http://localhost/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}` } }), handle.db, { limits });

  it('lists, counts and marks read, each person their own only; over REST someone else’s id is not found', async () => {
    const plannerToken = await demoApiToken(handle.db, 'planner@example.org', 'n');
    const reviewerToken = await demoApiToken(handle.db, 'reviewer@example.org', 'n');
    const unread = await planner.notification.list({ unread: true });
    expect(unread.length).toBeGreaterThan(0);
    expect((await planner.notification.unreadCount()).count).toBe(unread.length);

    const res = await rest('GET', '/notifications?unread=true&limit=2', plannerToken);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }[]).map((n) => n.id)).toEqual(unread.slice(0, 2).map((n) => n.id));

    const reviewersOwn = (await reviewer.notification.list({}))[0]!;
    const refused = await rest('POST', `/notifications/${reviewersOwn.id}/read`, plannerToken);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await reviewer.notification.list({}))[0]!.readAt).toBeNull();
    await expect(admin.notification.markRead({ id: reviewersOwn.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const read = await rest('POST', `/notifications/${reviewersOwn.id}/read`, reviewerToken);
    expect(read.status).toBe(200);
    const { readAt } = (await read.json()) as { readAt: string };
    expect(readAt).not.toBeNull();
    // Again: harmless, and the first reading time stays.
    expect(((await (await rest('POST', `/notifications/${reviewersOwn.id}/read`, reviewerToken)).json()) as { readAt: string }).readAt).toBe(readAt);
    expect((await rest('POST', '/notifications/not-a-uuid/read', reviewerToken)).status).toBe(400);

    expect(await planner.notification.markAllRead()).toEqual({ marked: unread.length });
    expect(await planner.notification.list({ unread: true })).toEqual([]);
    expect((await planner.notification.unreadCount()).count).toBe(0);
    await expect(planner.notification.list({ limit: 201 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('the bell’s live count: now, then on a new notification and on reading, until the stream ends', async () => {
    const viewer = await demoViewer(handle.db, 'planner@example.org');
    const abort = new AbortController();
    const counts: number[] = [];
    const watching = (async () => {
      for await (const count of watchUnreadCount({ db: handle.db, viewer, signal: abort.signal, recheckMs: 60_000 })) counts.push(count);
    })();
    await until(async () => counts.length === 1);
    expect(counts).toEqual([0]);

    const id = await newPpa('Livestock Dispersal');
    await planner.ppa.transition({ id, to: 'technical_review' });
    await reviewer.ppa.transition({ id, to: 'rejected', comment: 'Add the beneficiaries list.' });
    await until(async () => counts.length === 2);
    expect(counts).toEqual([0, 1]);
    await planner.notification.markAllRead();
    await until(async () => counts.length === 3);
    expect(counts).toEqual([0, 1, 0]);
    abort.abort();
    await watching;
    await mail();
  });

  it('the subscription procedure yields counts, and a deactivated person’s stream ends', async () => {
    const { user } = await admin.user.create({ email: 'bell.watcher@example.org', name: 'Bell Watcher', role: 'mfbm_reviewer' });
    const watcher = await callerFor(handle.db, 'bell.watcher@example.org');
    const stream = (await watcher.notification.onUnreadCount()) as AsyncIterable<{ count: number }>;
    const seen: number[] = [];
    const watching = (async () => {
      for await (const { count } of stream) seen.push(count);
    })();
    await until(async () => seen.length === 1);
    expect(seen).toEqual([0]);
    const id = await newPpa('Goat Production');
    await planner.ppa.transition({ id, to: 'technical_review' });
    await until(async () => seen.length === 2);
    expect(seen).toEqual([0, 1]);
    await admin.user.update({ id: user.id, active: false });
    // Deactivation tells no one: the stream learns of it at its next look (a signal, or the 30 s recheck).
    processSignals().signalUnreadChanged([user.id]);
    await watching;
    expect(seen).toEqual([0, 1]);
    await mail();
  });
});

describe('the mailer', () => {
  it('is SMTP with SMTP_URL, else the log; nodemailer gets limits on how long one attempt may wait', async () => {
    expect(mailerFromEnv({}).kind).toBe('log');
    expect(mailerFromEnv({ SMTP_URL: 'smtp://mail.example.org:587' }).kind).toBe('smtp');
    await expect(logMailer().send({ to: 'a@example.org', subject: 's', text: 't', html: '<p>t</p>' })).resolves.toBeUndefined();
    // A mail server that accepts the connection but never greets: the attempt fails instead of hanging.
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    await expect(smtpMailer(`smtp://127.0.0.1:${port}/?greetingTimeout=300`).send({ to: 'a@example.org', subject: 's', text: 't', html: 't' })).rejects.toThrow(
      /Greeting never received|timeout/i,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    silent.close();
  });

  it('writes nothing to SMTP without SMTP_URL: npm run dev needs no mail server', async () => {
    setMailer(undefined);
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      const id = await newPpa('Tilapia Hatchery');
      await planner.ppa.transition({ id, to: 'technical_review' });
      await emailSendsSettled();
      const [row] = await handle.db
        .select()
        .from(emailDeliveries)
        .where(eq(emailDeliveries.subject, `Waiting for your technical review: ${await titleOf(id)}`));
      expect(row!.sentAt).not.toBeNull();
      expect(peer.received).toEqual([]);
    } finally {
      if (saved !== undefined) process.env.SMTP_URL = saved;
      setMailer(smtpMailer(peer.url));
    }
  });
});
