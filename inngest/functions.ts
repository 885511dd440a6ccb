import { getDatabase } from '@/db';
import { getLogger } from '@/server/lib/logger';
import { inngestSteps, manilaDailyCron, runOnInngest, scheduledJob, type ScheduledJob } from '@/server/services/automation/scheduled-jobs';
import { EVENT_JOBS } from '@/server/services/events/event-jobs';
import { recordNotifications, type AnnouncingEvent } from '@/server/services/notifications/record-notifications';
import { inngest } from './client';
import { alertRaised, budgetUnlocked, expenditureRecorded, modificationChanged, ppaEnacted, ppaStageChanged, workItemStatusChanged } from './events';

/** Enactment activates execution: idempotent per PPA, retried on failure. */
export const activateExecutionOnEnactment = inngest.createFunction(
  { id: 'activate-execution-on-enactment', triggers: [ppaEnacted], idempotency: 'event.data.ppaId', retries: 4 },
  async ({ event, step }) => step.run('activate-execution', () => EVENT_JOBS['ppa/enacted'](getDatabase().db, event.data, event.id)),
);

/** Recorded spending may push an item (and its ancestors) over budget. */
export const raiseOverspendingOnExpenditure = inngest.createFunction(
  { id: 'raise-overspending-alerts', triggers: [expenditureRecorded], retries: 4 },
  async ({ event, step }) => step.run('raise-overspending-alerts', () => EVENT_JOBS['expenditure/recorded'](getDatabase().db, event.data, event.id)),
);

/** An item turning blocked raises workflow_blocked. */
export const raiseBlockedOnStatusChange = inngest.createFunction(
  { id: 'raise-workflow-blocked-alert', triggers: [workItemStatusChanged], retries: 4 },
  async ({ event, step }) => step.run('raise-workflow-blocked-alert', () => EVENT_JOBS['work-item/status-changed'](getDatabase().db, event.data, event.id)),
);

/** A scheduled job of the one table (SCHEDULED_JOBS), as an Inngest cron function whose parts are steps; each run recorded. */
function scheduledFunction(job: ScheduledJob) {
  return inngest.createFunction({ id: job.id, triggers: [{ cron: manilaDailyCron(job.manilaHour) }], retries: job.retries as 2 }, async ({ step, runId }) =>
    runOnInngest(job, getDatabase().db, { step, runId }, (line) => getLogger().info(line)),
  );
}

/** 02:00 Asia/Manila: re-sync progress and status of every tracked PPA. */
export const nightlyProgressSync = scheduledFunction(scheduledJob('nightly-progress-sync'));

/** Daily, 06:00 Asia/Manila: PPAs waiting in review more than 7 / 14 days; underspending; missed milestones. */
export const dailyApprovalBottlenecks = scheduledFunction(scheduledJob('daily-approval-bottlenecks'));

/**
 * Who is told of a decision, an alert or an unlock: the notifications in one step, then each email in a step
 * of its own, so a mail server that is down is retried with Inngest's backoff while nobody is told twice (the
 * outbox row's id is the event's id, and the database keeps one notification and one email per person).
 */
export const sendNotifications = inngest.createFunction(
  { id: 'send-notifications', triggers: [ppaStageChanged, alertRaised, budgetUnlocked, modificationChanged], retries: 6 },
  async ({ event, step }) => {
    const announcing = { id: event.id, name: event.name, data: event.data } as AnnouncingEvent;
    const steps = inngestSteps(getDatabase().db, step);
    const recorded = await steps.part('record-notifications', () => recordNotifications(getDatabase().db, announcing));
    await steps.sendEmails(recorded.emails);
    return { notified: recorded.notified, emails: recorded.emails.length };
  },
);

/** 07:00 Asia/Manila: each reviewer's and executive's digest of what waits on them; then leftover emails. */
export const dailyReviewDigest = scheduledFunction(scheduledJob('daily-review-digest'));

export const functions = [
  activateExecutionOnEnactment,
  raiseOverspendingOnExpenditure,
  raiseBlockedOnStatusChange,
  nightlyProgressSync,
  dailyApprovalBottlenecks,
  sendNotifications,
  dailyReviewDigest,
];
