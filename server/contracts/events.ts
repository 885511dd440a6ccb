import type { ApprovalStage, WorkStatus } from '../domain/types';

/** The events the app announces after a commit (through the outbox) and the background work they set off. */
export interface AppEvents {
  'ppa/enacted': { ppaId: string };
  'expenditure/recorded': { ppaId: string; workItemId: string };
  'work-item/status-changed': { ppaId: string; workItemId: string; status: WorkStatus };
  // What people are told of (server/domain/notifications.ts): a decision, an alert raised, a budget unlocked.
  'ppa/stage-changed': { ppaId: string; decisionId: string; from: ApprovalStage; to: ApprovalStage };
  'alert/raised': { ppaId: string; alertId: string };
  'budget/unlocked': { ppaId: string; unlockedById: string | null; reason: string };
  // A modification request submitted, endorsed, decided or withdrawn (its step says which).
  'modification/changed': { ppaId: string; requestId: string; stepId: string };
}

export type AppEventName = keyof AppEvents;
export type AppEvent = { [K in AppEventName]: { name: K; data: AppEvents[K]; id?: string } }[AppEventName];
