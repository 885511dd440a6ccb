import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@/db/seed/stable-id';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { PUBLIC_VIEWER } from '../domain/types';
import { createCallerFactory } from '../trpc';
import { appRouter } from './_app';

/** The public (signed-out) viewer is refused by every signed-in procedure, as a caller with no session is. */
const LIVELIHOOD = stableId('ppa:mssd-livelihood');
const VENUE_BOOKING = stableId('ppa:mssd-livelihood:item:Preparation:Venue Booking');

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

describe('the public viewer at the procedures', () => {
  it('is refused by every procedure, as a signed-out caller is', async () => {
    const caller = createCallerFactory(appRouter)({ db: handle.db, viewer: PUBLIC_VIEWER });
    for (const call of [
      caller.ppa.list({}),
      caller.ppa.get({ id: LIVELIHOOD }),
      caller.moa.list(),
      caller.user.list(),
      caller.workItem.update({ id: VENUE_BOOKING, title: 'x' }),
    ]) {
      expect((await refusal(call)).code).toBe('UNAUTHORIZED');
    }
  });
});
