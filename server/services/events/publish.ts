import type { Database } from '@/db';
import { processSingleton } from '../../process-singletons';
import { EVENT_JOBS } from './event-jobs';
import { publishPendingEvents, type EventSender } from './outbox';

/**
 * With no Inngest server (the embedded default), events are handled in this process: each event's job
 * runs right here, in order. A failing job throws, so its events stay in the outbox and go again.
 */
export function inProcessSender(db: Database): EventSender {
  return async (events) => {
    for (const event of events) {
      await (EVENT_JOBS[event.name] as (db: Database, data: unknown, eventId: string) => Promise<unknown>)(db, event.data, event.id);
    }
  };
}

/** The sender publishAfterCommit uses: one per process (see server/process-singletons.ts); null means in-process. */
function eventSender(): { current: EventSender | null } {
  return processSingleton('event-sender', () => ({ current: null }));
}

/** server/main.ts points this at Inngest when it is configured; otherwise events run in-process. */
export function configureEventSender(sender: EventSender | null): void {
  eventSender().current = sender;
}

/**
 * In-process jobs may announce events of their own (spending raises an alert, and an alert is told to people):
 * those are sent in the same publish, up to this many rounds; anything later waits for the next publish.
 */
const IN_PROCESS_ROUNDS = 3;

/**
 * Called by a service after its transaction has committed: sends what the outbox holds. A failure is
 * logged, never thrown (the change itself is committed); the outbox keeps the events for the next try.
 */
export async function publishAfterCommit(db: Database): Promise<void> {
  try {
    const configured = eventSender().current;
    for (let round = 0; round < (configured ? 1 : IN_PROCESS_ROUNDS); round++) {
      const { sent, failed } = await publishPendingEvents(db, configured ?? inProcessSender(db));
      if (failed > 0) console.warn(`${failed} event(s) could not be sent yet; they stay in the outbox and will be sent again.`);
      if (sent === 0 || failed > 0) break;
    }
  } catch (error) {
    console.error('Publishing events failed; they stay in the outbox.', error);
  }
}
