import type { Database } from '@/db';
import type { AppEventName, AppEvents } from '../../contracts/events';
import { raiseBlockedAlert, raiseOverspendingAlerts, raiseOverspendingAlertsFor } from '../alerts/raise-alerts';
import { activateEnactedPpa } from '../automation/automation-jobs';
import { notifyInProcess } from '../notifications/notification-jobs';

/**
 * What each event sets off: the one home of the job, called by the Inngest function for the event
 * (inngest/functions.ts) and, with no Inngest server, by the in-process sender (publish.ts; it runs BATCH_JOBS below for a batch at once).
 */
export const EVENT_JOBS: { [K in AppEventName]: (db: Database, data: AppEvents[K], eventId: string) => Promise<unknown> } = {
  'ppa/enacted': (db, data) => activateEnactedPpa(db, data.ppaId),
  'expenditure/recorded': (db, data) => raiseOverspendingAlerts(db, data.workItemId),
  'work-item/status-changed': (db, data) => raiseBlockedAlert(db, data.workItemId),
  // Who is told: the event's id (the outbox row's) keeps each person told once, however often it comes.
  'ppa/stage-changed': (db, data, id) => notifyInProcess(db, { id, name: 'ppa/stage-changed', data }),
  'alert/raised': (db, data, id) => notifyInProcess(db, { id, name: 'alert/raised', data }),
  'budget/unlocked': (db, data, id) => notifyInProcess(db, { id, name: 'budget/unlocked', data }),
  'modification/changed': (db, data, id) => notifyInProcess(db, { id, name: 'modification/changed', data }),
};

/**
 * Jobs that can take a whole batch of their events at once, for the in-process sender: a busy morning's spending
 * arrives as many events on a few PPAs, and their alerts are raised with one tree read per PPA instead of one per
 * entry. Each gives what its EVENT_JOBS job would give event by event.
 */
export const BATCH_JOBS: { [K in AppEventName]?: (db: Database, data: AppEvents[K][]) => Promise<unknown> } = {
  'expenditure/recorded': (db, data) =>
    raiseOverspendingAlertsFor(
      db,
      data.map((d) => d.workItemId),
    ),
};
