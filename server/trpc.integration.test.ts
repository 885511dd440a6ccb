import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase, setDatabase } from '@/db';
import { ppas } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { demoViewer } from '@/test/viewers';
import { createContext } from './context';
import { createCallerFactory, protectedProcedure, roleProcedure, router } from './trpc';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  setDatabase(handle);
});
afterAll(async () => {
  setDatabase(undefined);
  await handle.close();
});

describe('request context', () => {
  it('uses the process database and the signed-in user’s current role', async () => {
    expect(getDatabase()).toBe(handle);
    const planner = await demoViewer(handle.db, 'planner@example.org');
    const ctx = await createContext(planner.userId);
    expect(ctx.viewer).toEqual(planner);
    expect((await createContext(null)).viewer).toBeNull();
    expect((await createContext('deleted-user')).viewer).toBeNull();
  });
});

describe('errors the database raises by itself', () => {
  it('become a 409 naming the rule, not a 500', async () => {
    const guarded = router({
      breakRule: protectedProcedure.mutation(async ({ ctx }) => {
        await ctx.db.insert(ppas).values({ title: 'Bad', moaId: ctx.viewer.moaId!, category: 'activity', sector: 'social', fiscalYear: 1999 });
      }),
    });
    const planner = await demoViewer(handle.db, 'planner@example.org');
    const refused = (await createCallerFactory(guarded)({ db: handle.db, viewer: planner })
      .breakRule()
      .catch((e: unknown) => e)) as TRPCError;
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe('That change breaks a rule of the data (ppas_fiscal_year_range); reload and try again.');
  });
});

describe('role guard', () => {
  const guarded = router({ unlock: roleProcedure('admin').mutation(() => 'unlocked') });
  const createCaller = createCallerFactory(guarded);

  it('lets the named roles through and tells everyone else who may', async () => {
    const admin = await demoViewer(handle.db, 'admin@example.org');
    expect(await createCaller({ db: handle.db, viewer: admin }).unlock()).toBe('unlocked');
    const planner = await demoViewer(handle.db, 'planner@example.org');
    const refused = await createCaller({ db: handle.db, viewer: planner })
      .unlock()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('FORBIDDEN');
    expect((refused as TRPCError).message).toBe('Only admin users can do this.');
  });
});
