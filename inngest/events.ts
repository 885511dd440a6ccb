import { eventType, staticSchema } from 'inngest';
import type { AppEvents } from '@/server/contracts/events';

/**
 * The app's events as Inngest event types (server/contracts/events.ts is their one definition): a function triggered by
 * one gets its `event.data` typed. The schemas are type-only (`staticSchema`): the outbox wrote the payload
 * from the same types, so nothing is validated again at run time.
 */
export const ppaEnacted = eventType('ppa/enacted', { schema: staticSchema<AppEvents['ppa/enacted']>() });
export const expenditureRecorded = eventType('expenditure/recorded', { schema: staticSchema<AppEvents['expenditure/recorded']>() });
export const workItemStatusChanged = eventType('work-item/status-changed', { schema: staticSchema<AppEvents['work-item/status-changed']>() });
export const ppaStageChanged = eventType('ppa/stage-changed', { schema: staticSchema<AppEvents['ppa/stage-changed']>() });
export const alertRaised = eventType('alert/raised', { schema: staticSchema<AppEvents['alert/raised']>() });
export const budgetUnlocked = eventType('budget/unlocked', { schema: staticSchema<AppEvents['budget/unlocked']>() });
export const modificationChanged = eventType('modification/changed', { schema: staticSchema<AppEvents['modification/changed']>() });
