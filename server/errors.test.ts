import { TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidPesoAmountError } from './domain/money';
import { AppError, DATABASE_UNAVAILABLE_MESSAGE, httpErrorOf, INTERNAL_ERROR_MESSAGE, toAppError } from './errors';
import { getLogger, setLogger } from './lib/logger';
import pino from 'pino';

const context = { requestId: 'req-1', where: 'test' };
const original = getLogger();
afterEach(() => setLogger(original));

describe('httpErrorOf: one mapping for every plain-HTTP edge', () => {
  it('names the nested field of bad input, read through the TRPCError that wraps it', () => {
    const zodError = z.object({ allocations: z.array(z.object({ amount: z.string() })) }).safeParse({ allocations: [{ amount: 5 }] }).error!;
    const { status, body } = httpErrorOf(new TRPCError({ code: 'BAD_REQUEST', cause: zodError }), context);
    expect(status).toBe(400);
    expect(body.code).toBe('BAD_REQUEST');
    expect(body.message).toMatch(/^allocations\.0\.amount: /);
    expect(body.fieldErrors).toHaveProperty('allocations');
  });

  it("keeps a service's refusal and its code, prefixing the field only once", () => {
    expect(httpErrorOf(AppError.conflict('The budget is locked.'), context)).toEqual({
      status: 409,
      body: { code: 'CONFLICT', message: 'The budget is locked.' },
    });
    const field = httpErrorOf(AppError.badField('date', 'date: Use a date on or before today.'), context);
    expect(field.body.message).toBe('date: Use a date on or before today.');
    expect(httpErrorOf(AppError.badField('amount', 'Enter pesos.'), context).body.message).toBe('amount: Enter pesos.');
    expect(httpErrorOf(new InvalidPesoAmountError('1.234'), context).status).toBe(400);
  });

  it('answers a transaction that still lost a race after the runner’s retries with 409 and what to do, never 500', () => {
    for (const code of ['40P01', '40001']) {
      const lost = new TRPCError({
        code: 'INTERNAL_SERVER_ERROR',
        cause: Object.assign(new Error('Failed query'), { cause: { code, message: 'deadlock detected' } }),
      });
      const { status, body } = httpErrorOf(lost, context);
      expect(status).toBe(409);
      expect(body).toEqual({
        code: 'CONFLICT',
        message: 'Someone else was changing the same records at that moment, and your change was not saved. Reload and try again.',
      });
    }
  });

  it('answers a refusal tRPC raised itself with its own status, and anything else as a logged 500', () => {
    expect(httpErrorOf(new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Slow down.' }), context)).toEqual({
      status: 429,
      body: { code: 'TOO_MANY_REQUESTS', message: 'Slow down.' },
    });
    const lines: string[] = [];
    setLogger(pino({ level: 'error' }, { write: (line: string) => void lines.push(line) }));
    const { status, body } = httpErrorOf(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('select * from secrets') }), context);
    expect(status).toBe(500);
    expect(body).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE, requestId: 'req-1' });
    expect(lines.join('')).toContain('select * from secrets');
  });
});

describe('a database that is not there or too slow', () => {
  it('is a 503 the caller may retry, with the request id, its detail logged: refused, timed out, cancelled, shutting down', () => {
    const lines: string[] = [];
    setLogger(pino({ level: 'error' }, { write: (line: string) => void lines.push(line) }));
    const wrapped = (cause: object) => Object.assign(new Error('Failed query: select 1'), { cause });
    for (const cause of [
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('write CONNECT_TIMEOUT 10.0.0.5:5432'), { code: 'CONNECT_TIMEOUT' }),
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
    ]) {
      expect(httpErrorOf(wrapped(cause), context)).toEqual({
        status: 503,
        body: { code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, requestId: 'req-1' },
      });
      expect(toAppError(cause)?.code).toBe('SERVICE_UNAVAILABLE');
    }
    expect(lines.join('')).toContain('canceling statement due to statement timeout');
    // A broken rule of the data is still the caller's 409, not the database's absence.
    expect(toAppError(Object.assign(new Error('duplicate'), { code: '23505' }))?.code).toBe('CONFLICT');
  });
});
