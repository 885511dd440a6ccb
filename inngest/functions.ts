import { getDatabase } from '@/db';
import { raiseApprovalBottlenecks, raiseScheduleAlerts } from '@/server/services/alerts/raise-alerts';
import { syncAllTrackedPpas } from '@/server/services/automation/automation-jobs';
import { EVENT_JOBS } from '@/server/services/events/event-jobs';
import { planDailyDigests } from '@/server/services/notifications/digest';
import { recordNotifications, type AnnouncingEvent } from '@/server/services/notifications/record-notifications';
import { sendEmail, sendLeftoverEmails } from '@/server/services/notifications/send-email';
import { inngest } from './client';
import { alertRaised, budgetUnlocked, expenditureRecorded, ppaEnacted, ppaStageChanged, workItemStatusChanged } from './events';

/** Enactment activates execution: idempotent per PPA, retried on failure. */
export const activateExecutionOnEnactment = inngest.createFunction(
  { id: 'activate-execution-on-enactment', triggers: [ppaEnacted], idempotency: 'event.data.ppaId', retries: 4 },
  async ({ event, step }) =>
    step.run('activate-execution', () => EVENT_JOBS['ppa/enacted'](getDatabase().db, event.data, event.id)),
);

/** Recorded spending may push an item (and its ancestors) over budget. */
export const raiseOverspendingOnExpenditure = inngest.createFunction(
  { id: 'raise-overspending-alerts', triggers: [expenditureRecorded], retries: 4 },
  async ({ event, step }) =>
    step.run('raise-overspending-alerts', () => EVENT_JOBS['expenditure/recorded'](getDatabase().db, event.data, event.id)),
);

/** An item turning blocked raises workflow_blocked. */
export const raiseBlockedOnStatusChange = inngest.createFunction(
  { id: 'raise-workflow-blocked-alert', triggers: [workItemStatusChanged], retries: 4 },
  async ({ event, step }) =>
    step.run('raise-workflow-blocked-alert', () => EVENT_JOBS['work-item/status-changed'](getDatabase().db, event.data, event.id)),
);

/** 02:00 Asia/Manila: re-sync progress and status of every tracked PPA. */
export const nightlyProgressSync = inngest.createFunction(
  { id: 'nightly-progress-sync', triggers: [{ cron: 'TZ=Asia/Manila 0 2 * * *' }], retries: 2 },
  async ({ step }) => step.run('sync-all-tracked-ppas', () => syncAllTrackedPpas(getDatabase().db)),
);

/** Daily, 06:00 Asia/Manila: PPAs waiting in review more than 7 / 14 days; underspending; missed milestones. */
export const dailyApprovalBottlenecks = inngest.createFunction(
  { id: 'daily-approval-bottlenecks', triggers: [{ cron: 'TZ=Asia/Manila 0 6 * * *' }], retries: 2 },
  async ({ step }) => ({
    bottlenecks: await step.run('raise-approval-bottlenecks', () => raiseApprovalBottlenecks(getDatabase().db, new Date())),
    // Underspending and missed milestones: a step of its own, retried without re-running the one before.
    schedule: await step.run('raise-schedule-alerts', () => raiseScheduleAlerts(getDatabase().db, new Date())),
  }),
);

/**
 * Who is told of a decision, an alert or an unlock: the notifications in one step, then each email in a step
 * of its own, so a mail server that is down is retried with Inngest's backoff while nobody is told twice (the
 * outbox row's id is the event's id, and the database keeps one notification and one email per person).
 */
export const sendNotifications = inngest.createFunction(
  { id: 'send-notifications', triggers: [ppaStageChanged, alertRaised, budgetUnlocked], retries: 6 },
  async ({ event, step }) => {
    const announcing = { id: event.id, name: event.name, data: event.data } as AnnouncingEvent;
    const recorded = await step.run('record-notifications', () => recordNotifications(getDatabase().db, announcing));
    for (const id of recorded.emails) await step.run(`send-email-${id}`, () => sendEmail(getDatabase().db, id));
    return { notified: recorded.notified, emails: recorded.emails.length };
  },
);

/** 07:00 Asia/Manila: each reviewer's and executive's digest of what waits on them; then leftover emails. */
export const dailyReviewDigest = inngest.createFunction(
  { id: 'daily-review-digest', triggers: [{ cron: 'TZ=Asia/Manila 0 7 * * *' }], retries: 6 },
  async ({ step }) => {
    const digests = await step.run('plan-digests', () => planDailyDigests(getDatabase().db, new Date()));
    for (const id of digests) await step.run(`send-digest-${id}`, () => sendEmail(getDatabase().db, id));
    const leftovers = await step.run('send-leftover-emails', () => sendLeftoverEmails(getDatabase().db, new Date()));
    return { digests: digests.length, leftovers };
  },
);

export const functions = [
  activateExecutionOnEnactment,
  raiseOverspendingOnExpenditure,
  raiseBlockedOnStatusChange,
  nightlyProgressSync,
  dailyApprovalBottlenecks,
  sendNotifications,
  dailyReviewDigest,
];
