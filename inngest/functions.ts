import { getDatabase } from '@/db';
import { raiseApprovalBottlenecks } from '@/server/services/alerts/raise-alerts';
import { syncAllTrackedPpas } from '@/server/services/automation/automation-jobs';
import { EVENT_JOBS } from '@/server/services/events/event-jobs';
import { inngest } from './client';
import { expenditureRecorded, ppaEnacted, workItemStatusChanged } from './events';

/** Enactment activates execution: idempotent per PPA, retried on failure. */
export const activateExecutionOnEnactment = inngest.createFunction(
  { id: 'activate-execution-on-enactment', triggers: [ppaEnacted], idempotency: 'event.data.ppaId', retries: 4 },
  async ({ event, step }) =>
    step.run('activate-execution', () => EVENT_JOBS['ppa/enacted'](getDatabase().db, event.data)),
);

/** Recorded spending may push an item (and its ancestors) over budget. */
export const raiseOverspendingOnExpenditure = inngest.createFunction(
  { id: 'raise-overspending-alerts', triggers: [expenditureRecorded], retries: 4 },
  async ({ event, step }) =>
    step.run('raise-overspending-alerts', () => EVENT_JOBS['expenditure/recorded'](getDatabase().db, event.data)),
);

/** An item turning blocked raises workflow_blocked. */
export const raiseBlockedOnStatusChange = inngest.createFunction(
  { id: 'raise-workflow-blocked-alert', triggers: [workItemStatusChanged], retries: 4 },
  async ({ event, step }) =>
    step.run('raise-workflow-blocked-alert', () => EVENT_JOBS['work-item/status-changed'](getDatabase().db, event.data)),
);

/** 02:00 Asia/Manila: re-sync progress and status of every tracked PPA. */
export const nightlyProgressSync = inngest.createFunction(
  { id: 'nightly-progress-sync', triggers: [{ cron: 'TZ=Asia/Manila 0 2 * * *' }], retries: 2 },
  async ({ step }) => step.run('sync-all-tracked-ppas', () => syncAllTrackedPpas(getDatabase().db)),
);

/** Daily, 06:00 Asia/Manila: PPAs waiting in review more than 7 / 14 days. */
export const dailyApprovalBottlenecks = inngest.createFunction(
  { id: 'daily-approval-bottlenecks', triggers: [{ cron: 'TZ=Asia/Manila 0 6 * * *' }], retries: 2 },
  async ({ step }) => step.run('raise-approval-bottlenecks', () => raiseApprovalBottlenecks(getDatabase().db, new Date())),
);

export const functions = [
  activateExecutionOnEnactment,
  raiseOverspendingOnExpenditure,
  raiseBlockedOnStatusChange,
  nightlyProgressSync,
  dailyApprovalBottlenecks,
];
