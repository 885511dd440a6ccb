import type { Database, Transaction } from '@/db';
import type { AppEvent } from '../../contracts/events';
import { getLogger } from '../../lib/logger';
import { enqueueEvent } from '../events/outbox';
import { publishAfterCommit } from '../events/publish';
import { processSignals, type CollabNotice, type Signals } from './signals';

/**
 * What a use case announces, collected while its transaction runs and carried out only after it commits: a
 * rolled-back change announces nothing, and one run again after a lost race (db/retry-transactions.ts)
 * announces once, what its last run collected.
 */
export interface After {
  /** Writes the event to the outbox in this transaction; the outbox is sent once the transaction has committed. */
  event(event: AppEvent): Promise<void>;
  /** Tells the co-editing rooms (a draft saved, a budget locked, a person's access changed). */
  collab(notice: CollabNotice): void;
  /** These people's unread notification counts may have changed: their bells re-read them. */
  unreadChanged(userIds: Iterable<string>): void;
}

export interface UseCaseOptions {
  /** Where notices and signals go; by default this process's (./signals.ts). */
  signals?: Signals;
}

class Collected implements After {
  readonly notices: CollabNotice[] = [];
  readonly unread = new Set<string>();
  events = 0;

  constructor(private readonly tx: Transaction) {}

  async event(event: AppEvent): Promise<void> {
    await enqueueEvent(this.tx, event);
    this.events++;
  }
  collab(notice: CollabNotice): void {
    this.notices.push(notice);
  }
  unreadChanged(userIds: Iterable<string>): void {
    for (const id of userIds) this.unread.add(id);
  }
}

/**
 * One use case: `work` runs in one transaction and collects its effects in `after`; once the transaction has
 * committed, the notices and signals go out and, if it wrote events, the outbox is sent (publishAfterCommit: the
 * caller waits for the jobs its own change set off unless a send is already running). An effect that fails is
 * logged, never thrown: the change itself is committed.
 */
export async function runUseCase<T>(db: Database, work: (tx: Transaction, after: After) => Promise<T>, options: UseCaseOptions = {}): Promise<T> {
  let collected: Collected | undefined;
  const result = await db.transaction(async (tx) => {
    // A retried transaction starts over: only the run that commits is announced.
    collected = new Collected(tx);
    return work(tx, collected);
  });
  await carryOut(db, collected!, options.signals ?? processSignals());
  return result;
}

async function carryOut(db: Database, collected: Collected, signals: Signals): Promise<void> {
  try {
    for (const notice of collected.notices) signals.notifyCollab(notice);
    signals.signalUnreadChanged(collected.unread);
  } catch (error) {
    getLogger().error({ err: error }, 'An after-commit notice failed; the change itself is saved.');
  }
  if (collected.events > 0) await publishAfterCommit(db);
}
