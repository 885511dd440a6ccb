import type { WorkStatus } from './domain/types';

/** The events the app announces after a commit (through the outbox) and the background work they set off. */
export interface AppEvents {
  'ppa/enacted': { ppaId: string };
  'expenditure/recorded': { ppaId: string; workItemId: string };
  'work-item/status-changed': { ppaId: string; workItemId: string; status: WorkStatus };
}

export type AppEventName = keyof AppEvents;
export type AppEvent = { [K in AppEventName]: { name: K; data: AppEvents[K]; id?: string } }[AppEventName];
