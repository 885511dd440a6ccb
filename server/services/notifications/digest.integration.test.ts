import { InngestTestEngine } from '@inngest/test';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db';
import { emailDeliveries, ppas } from '@/db/schema';
import { stableId } from '@/db/seed/stable-id';
import { dailyReviewDigest } from '@/inngest/functions';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { startSmtpPeer, type SmtpPeer } from '@/test/smtp';
import { callerFor } from '@/test/viewers';
import { emailSendsSettled } from './email-runner';
import { setMailer, smtpMailer } from './mailer';
import { startLocalAutomation, type SchedulerTimers } from '../automation/local-automation';
import { inProcessSteps, scheduledJob } from '../automation/scheduled-jobs';

/** The 07:00 job as the in-process scheduler runs it. */
const digestInProcess = () => scheduledJob('daily-review-digest').run(handle.db, new Date(), inProcessSteps(handle.db), () => {});

/** The 07:00 digest on the seeded demo data (db/seed/demo-data.ts), counted by hand. */

let handle: TestDatabase;
let peer: SmtpPeer;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  setDatabase(handle);
  peer = await startSmtpPeer();
  setMailer(smtpMailer(peer.url));
});
afterAll(async () => {
  await emailSendsSettled();
  setMailer(undefined);
  await peer.close();
  setDatabase(undefined);
  await handle.close();
});
afterEach(() => {
  vi.useRealTimers();
});

// The seeded PPAs in the stages each role decides (MSSD and MAFAR have one in every stage; MOH, MBHTE, BPDA one each).
const REVIEWERS_QUEUE = [
  'Child and Youth Welfare Program', // MSSD, technical review
  'Regulatory and Quarantine Services', // MAFAR, technical review
  'Bangsamoro Immunization Program', // MOH, technical review
  "Women's Welfare Program", // MSSD, budget review
  'Integrated and Sustainable Development for Aquaculture/Capture', // MAFAR, budget review
  'TVET Provisions', // MBHTE, budget review
  'Older Persons and Persons with Disabilities Welfare Program', // MSSD, stakeholder consultation
  'Fisheries Adjudication Program', // MAFAR, stakeholder consultation
];
const EXECUTIVES_QUEUE = [
  'Disaster Risk Reduction and Emergency Assistance Program', // MSSD, executive approval
  'Land Tenure Security Program', // MAFAR, executive approval
  'Quick Response Fund', // MSSD, approved (waits for enactment)
  'Sustainable Development for Agrarian Reform Beneficiaries in the Bangsamoro', // MAFAR, approved
  'Monitoring and Evaluation', // BPDA, approved
];

const numbered = (text: string) =>
  [...text.matchAll(/^\d+\. (.+) \(([A-Z]+)\)\n {3}(.+) · (.+) · waiting (\d+) days?$/gm)].map((m) => ({
    title: m[1]!,
    moa: m[2]!,
    stage: m[3]!,
    amount: m[4]!,
    days: Number(m[5]),
  }));

describe('the daily digest (07:00 Asia/Manila)', () => {
  it('is an Inngest cron at 07:00 Manila, the same hour the in-process scheduler uses', () => {
    expect(dailyReviewDigest.opts.triggers).toEqual([{ cron: 'TZ=Asia/Manila 0 7 * * *' }]);
    expect(scheduledJob('daily-review-digest').manilaHour).toBe(7);
  });

  it('gives the reviewer, the executive and MSSD’s head one email each with what waits on them, oldest first, with days waiting', async () => {
    // TVET has waited longest: 20 days. The others entered their stage two days before the seed ran.
    await handle.db
      .update(ppas)
      .set({ stageEnteredAt: new Date(Date.now() - 20 * DAY) })
      .where(eq(ppas.id, stableId('ppa:mbhte-tvet')));
    const { result } = await new InngestTestEngine({ function: dailyReviewDigest }).execute();
    expect(result).toEqual({ digests: 3, leftovers: { sent: 0, failed: 0 } });
    const byRecipient = Object.fromEntries(peer.received.splice(0).map((m) => [m.to.join(','), m]));
    expect(Object.keys(byRecipient).sort()).toEqual(['executive@example.org', 'head.mssd@example.org', 'reviewer@example.org']);

    const reviewers = byRecipient['reviewer@example.org']!;
    expect(reviewers.subject).toMatch(/^8 PPAs wait on your decision \(\w+day, \w+ \d+, \d{4}\)$/);
    expect(reviewers.text).toContain('Good morning, Farida Reviewer (MFBM). These PPAs wait on your decision, the longest waiting first:');
    const listed = numbered(reviewers.text);
    expect(listed.map((l) => l.title).sort()).toEqual([...REVIEWERS_QUEUE].sort());
    expect(listed[0]).toEqual({ title: 'TVET Provisions', moa: 'MBHTE', stage: 'Budget review', amount: '₱574,137,673.00', days: 20 });
    expect(listed.slice(1).map((l) => l.days)).toEqual(Array(7).fill(2));
    expect(reviewers.html).toContain(`/ppas/${stableId('ppa:mbhte-tvet')}`);

    const executives = byRecipient['executive@example.org']!;
    expect(executives.subject).toMatch(/^5 PPAs wait on your decision/);
    expect(
      numbered(executives.text)
        .map((l) => l.title)
        .sort(),
    ).toEqual([...EXECUTIVES_QUEUE].sort());

    // The seeded modification request waiting on MSSD's head (submitted three days before the seed ran).
    const head = byRecipient['head.mssd@example.org']!;
    expect(head.subject).toMatch(/^1 modification request waits on your decision/);
    expect(numbered(head.text)).toEqual([{ title: 'Quick Response Fund', moa: 'MSSD', stage: 'Modification request', amount: '₱1,000,000.00', days: 3 }]);
    expect(head.text).toContain(`/modifications/${stableId('mssd-qrf:modification:pending')}`);
    expect(head.text).toContain('/modifications?waiting=1');
  });

  it('runs in-process at 07:00 Manila when no Inngest server is configured', async () => {
    // The scheduler's clock one second before 07:00 in Manila (23:00 UTC) of a day no digest went yet.
    const now = new Date('2030-03-03T22:59:59Z');
    const pending = new Map<number, () => void>();
    let next = 0;
    const timers: SchedulerTimers = {
      setTimeout: (callback, ms) => (pending.set(ms, callback), ++next),
      clearTimeout: () => {},
      setInterval: () => ++next,
      clearInterval: () => {},
    };
    const stop = startLocalAutomation(handle.db, { now: () => now, log: () => {}, timers });
    try {
      expect([...pending.keys()].sort((a, b) => a - b)).toEqual([1000, 19 * 60 * 60 * 1000 + 1000, 23 * 60 * 60 * 1000 + 1000]); // 07:00, 02:00, 06:00
      pending.get(1000)!();
      await vi.waitFor(() => expect(peer.received).toHaveLength(3), { timeout: 10_000 });
      await emailSendsSettled();
      expect(
        peer.received
          .splice(0)
          .map((m) => m.to.join(','))
          .sort(),
      ).toEqual(['executive@example.org', 'head.mssd@example.org', 'reviewer@example.org']);
    } finally {
      await stop();
    }
  });

  it('sends each person one digest a day, however often the job runs', async () => {
    expect((await new InngestTestEngine({ function: dailyReviewDigest }).execute()).result).toEqual({ digests: 0, leftovers: { sent: 0, failed: 0 } });
    expect(await digestInProcess()).toEqual({ digests: 0, leftovers: { sent: 0, failed: 0 } });
    await emailSendsSettled();
    expect(peer.received).toEqual([]);
  });

  it('the next day: nothing for someone who switched the digest off, or on whom nothing waits', async () => {
    const executive = await callerFor(handle.db, 'executive@example.org');
    await executive.notification.setPreference({ kind: 'daily_digest', emailEnabled: false });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + DAY);
    expect(await digestInProcess()).toMatchObject({ digests: 2 });
    await emailSendsSettled();
    expect(
      peer.received
        .splice(0)
        .map((m) => [m.to.join(','), numbered(m.text).length])
        .sort(),
    ).toEqual([
      ['head.mssd@example.org', 1],
      ['reviewer@example.org', 8],
    ]);

    // Every review decided (here: sent back to draft): the reviewer has nothing waiting, and gets nothing.
    await executive.notification.setPreference({ kind: 'daily_digest', emailEnabled: true });
    await handle.db
      .update(ppas)
      .set({ approvalStage: 'draft' })
      .where(inArray(ppas.approvalStage, ['technical_review', 'budget_review', 'stakeholder_consultation']));
    vi.setSystemTime(Date.now() + DAY);
    expect(await digestInProcess()).toMatchObject({ digests: 2 });
    await emailSendsSettled();
    expect(
      peer.received
        .splice(0)
        .map((m) => m.to.join(','))
        .sort(),
    ).toEqual(['executive@example.org', 'head.mssd@example.org']);
    const keys = (await handle.db.select({ key: emailDeliveries.deliveryKey }).from(emailDeliveries)).map((r) => r.key.replace(/:[^:]+:/, ':<user>:'));
    expect(keys.every((k) => /^digest:<user>:\d{4}-\d{2}-\d{2}$/.test(k))).toBe(true);
    expect(keys).toHaveLength(10); // 2030-03-03 (the scheduler test) and day one: all three; day two: the reviewer and the head; day three: the executive and the head
  });
});
