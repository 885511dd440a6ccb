import type { Database } from '@/db';
import type { AppEventName, AppEvents } from '../../events';
import { raiseBlockedAlert, raiseOverspendingAlerts } from '../alerts/raise-alerts';
import { activateEnactedPpa } from '../automation/automation-jobs';
import { notifyInProcess } from '../notifications/notification-jobs';

/**
 * What each event sets off: the one home of the job, called by the Inngest function for the event
 * (inngest/functions.ts) and, with no Inngest server, by the in-process sender (publish.ts, which raises a batch's spending alerts together).
 */
export const EVENT_JOBS: { [K in AppEventName]: (db: Database, data: AppEvents[K], eventId: string) => Promise<unknown> } = {
  'ppa/enacted': (db, data) => activateEnactedPpa(db, data.ppaId),
  'expenditure/recorded': (db, data) => raiseOverspendingAlerts(db, data.workItemId),
  'work-item/status-changed': (db, data) => raiseBlockedAlert(db, data.workItemId),
  // Who is told: the event's id (the outbox row's) keeps each person told once, however often it comes.
  'ppa/stage-changed': (db, data, id) => notifyInProcess(db, { id, name: 'ppa/stage-changed', data }),
  'alert/raised': (db, data, id) => notifyInProcess(db, { id, name: 'alert/raised', data }),
  'budget/unlocked': (db, data, id) => notifyInProcess(db, { id, name: 'budget/unlocked', data }),
};
