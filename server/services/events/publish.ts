import type { Database } from '@/db';
import { processSingleton } from '../../lib/process-singletons';
import type { AppEventName } from '../../contracts/events';
import { BATCH_JOBS, EVENT_JOBS } from './event-jobs';
import { publishPendingEvents, type EventSender } from './outbox';
import { getLogger } from '../../lib/logger';

/**
 * With no Inngest server (the embedded default), events are handled in this process: each event's job
 * runs right here. A failing job throws, so its events stay in the outbox and go again.
 */
export function inProcessSender(db: Database): EventSender {
  return async (events) => {
    // Events whose job takes a batch go together (BATCH_JOBS); the rest one by one, in order.
    for (const [name, batch] of Object.entries(BATCH_JOBS) as [AppEventName, (db: Database, data: unknown[]) => Promise<unknown>][]) {
      const data = events.filter((event) => event.name === name).map((event) => event.data);
      if (data.length > 0) await batch(db, data);
    }
    for (const event of events) {
      if (BATCH_JOBS[event.name]) continue;
      await (EVENT_JOBS[event.name] as (db: Database, data: unknown, eventId: string) => Promise<unknown>)(db, event.data, event.id);
    }
  };
}

/** The sender publishAfterCommit uses: one per process (see server/lib/process-singletons.ts); null means in-process. */
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

/** Per database handle: the publish running now, and at most one queued behind it. */
interface Publishing {
  running: Promise<void> | null;
  queued: Promise<void> | null;
}

function publishingOf(db: Database): Publishing {
  const all = processSingleton('publishing', () => new WeakMap<Database, Publishing>());
  let state = all.get(db);
  if (!state) all.set(db, (state = { running: null, queued: null }));
  return state;
}

/**
 * Called by a service after its transaction has committed: sends what the outbox holds. A failure is
 * logged, never thrown (the change itself is committed); the outbox keeps the events for the next try.
 *
 * When nothing is being sent, the caller waits for the send: the jobs its own change set off (the alerts its
 * spending raises) are done when it answers. When a send is already running, the caller does not wait behind
 * other people's jobs: one more send is queued (at most one; it reads the outbox after this commit, so it
 * carries every waiting change's events) and the caller answers at once. Under load this is what keeps a
 * write's answer from queueing behind every earlier write's alerts (README, "Performance").
 */
export function publishAfterCommit(db: Database): Promise<void> {
  const state = publishingOf(db);
  if (!state.running) return startPublishing(db, state);
  state.queued ??= state.running.then(() => {
    state.queued = null;
    return startPublishing(db, state);
  });
  return Promise.resolve();
}

function startPublishing(db: Database, state: Publishing): Promise<void> {
  const run = publishRounds(db).finally(() => {
    if (state.running === run) state.running = null;
  });
  state.running = run;
  return run;
}

/** Resolves once every send started or queued for this database has finished (tests, shutdown). */
export async function eventsSettled(db: Database): Promise<void> {
  const state = publishingOf(db);
  while (state.running || state.queued) await (state.queued ?? state.running);
}

async function publishRounds(db: Database): Promise<void> {
  try {
    const configured = eventSender().current;
    for (let round = 0; round < (configured ? 1 : IN_PROCESS_ROUNDS); round++) {
      const { sent, failed } = await publishPendingEvents(db, configured ?? inProcessSender(db));
      if (failed > 0) getLogger().warn(`${failed} event(s) could not be sent yet; they stay in the outbox and will be sent again.`);
      if (sent === 0 || failed > 0) break;
    }
  } catch (error) {
    getLogger().error({ err: error }, 'Publishing events failed; they stay in the outbox.');
  }
}
