import { TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { checkedOutsideProduction, checkedSynchronously, createCallerFactory, publicProcedure, router } from './trpc';

const zNode = z.object({ id: z.string(), amount: z.string().regex(/^\d+\.\d\d$/) });
const zAnswer = z.object({ nodes: z.array(zNode) });

describe('checkedSynchronously', () => {
  it('is the same check: a good output passes with unknown keys stripped, a bad one is refused as before', async () => {
    const answersWith = (schema: typeof zAnswer) =>
      createCallerFactory(
        router({
          good: publicProcedure.output(schema).query(() => ({ nodes: [{ id: 'a', amount: '1.00', moaId: 'secret' }] })),
          bad: publicProcedure.output(schema).query(() => ({ nodes: [{ id: 'a', amount: 'one peso' }] })),
        }),
      )({ db: null as never, viewer: null });
    const checked = answersWith(checkedSynchronously(zAnswer));
    const plain = answersWith(zAnswer);
    expect(await checked.good()).toEqual({ nodes: [{ id: 'a', amount: '1.00' }] });
    const refused = (await checked.bad().catch((e: unknown) => e)) as TRPCError;
    const refusedBefore = (await plain.bad().catch((e: unknown) => e)) as TRPCError;
    expect(refused).toBeInstanceOf(TRPCError);
    expect([refused.code, refused.message]).toEqual([refusedBefore.code, refusedBefore.message]);
    // The server broke its own contract: a 500, not the caller's bad request.
    expect(refused.code).toBe('INTERNAL_SERVER_ERROR');
    expect(refused.cause).toBeInstanceOf(z.ZodError);
    expect((refused.cause as z.ZodError).issues.map((i) => i.path)).toEqual([['nodes', 0, 'amount']]);
  });

  it('parses synchronously (tRPC calls parseAsync) and leaves the original schema as it was', async () => {
    const checked = checkedSynchronously(zAnswer);
    let synchronous = 0;
    const parse = checked.parse.bind(checked);
    checked.parse = ((data: unknown, params?: never) => {
      synchronous += 1;
      return parse(data, params);
    }) as typeof checked.parse;
    await checked.parseAsync({ nodes: [] });
    expect(synchronous).toBe(1);
    expect(zAnswer.parseAsync).not.toBe(checked.parseAsync);
    await expect(checked.parseAsync({ nodes: [{ id: 1 }] })).rejects.toBeInstanceOf(z.ZodError);
  });

  it('falls back to the asynchronous check for a schema with an asynchronous refinement', async () => {
    const checked = checkedSynchronously(z.string().refine(async (v) => v.length > 2, 'Too short.'));
    await expect(checked.parseAsync('abc')).resolves.toBe('abc');
    await expect(checked.parseAsync('a')).rejects.toThrow('Too short.');
  });
});

describe('checkedOutsideProduction', () => {
  afterEach(() => vi.unstubAllEnvs());
  const caller = createCallerFactory(
    router({ bad: publicProcedure.output(checkedOutsideProduction(zAnswer)).query(() => ({ nodes: [{ id: 'a', amount: 'one peso' }] })) }),
  )({ db: null as never, viewer: null });

  it('checks the output in tests and development: a broken contract is a 500', async () => {
    const refused = (await caller.bad().catch((e: unknown) => e)) as TRPCError;
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('does not check it in production: the answer goes out as the service made it', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(await caller.bad()).toEqual({ nodes: [{ id: 'a', amount: 'one peso' }] });
  });
});
