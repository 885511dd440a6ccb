import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { retryAfterWords } from './domain/accounts';
import { DistributionError } from './domain/distribution';
import { InvalidPesoAmountError } from './domain/money';
import { databaseErrorIn, isDatabaseUnavailable, lostConcurrencyRace } from './lib/database-error';
import { getLogger } from './lib/logger';

/**
 * The one error type services and the HTTP edge throw. `toAppError` below turns everything else a caller may be
 * told about into one; tRPC (server/trpc.ts) and plain HTTP (`errorResponse`) convert it, and nothing else, to a
 * status. The refusals that are not about one rule (no caller, too many tries, a body that is not JSON) have one
 * wording each, here: every edge (tRPC, REST, downloads, the calendar, sign-in) says them the same way.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

/** The one wording of a request with no (valid) caller, whatever it could have sent: a session, a token. */
export const UNAUTHORIZED_MESSAGE = 'Sign in to continue.';
/** The one wording of a write whose body is not JSON. */
export const UNSUPPORTED_MEDIA_TYPE_MESSAGE = 'body: send JSON with Content-Type: application/json.';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field name → messages, so forms can show the error next to the field. */
    readonly fieldErrors?: Record<string, string[]>,
    /** For TOO_MANY_REQUESTS: when to try again (the Retry-After header over plain HTTP). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badField(field: string, message: string): AppError {
    return new AppError('BAD_REQUEST', message, { [field]: [message] });
  }
  /** 401: nobody signed in, or a token or session that no longer counts. */
  static unauthorized(): AppError {
    return new AppError('UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
  }
  static forbidden(message: string): AppError {
    return new AppError('FORBIDDEN', message);
  }
  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} was not found, or you do not have access to it.`);
  }
  static conflict(message: string): AppError {
    return new AppError('CONFLICT', message);
  }
  /** 415: a write whose body is declared as something other than JSON. */
  static unsupportedMediaType(): AppError {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED_MEDIA_TYPE_MESSAGE);
  }
  /** 429, worded "Too many <what>. Try again in …", with the wait for Retry-After. */
  static tooManyRequests(what: string, retryAfterSeconds: number): AppError {
    return new AppError('TOO_MANY_REQUESTS', `Too many ${what}. ${retryAfterWords(retryAfterSeconds)}`, undefined, retryAfterSeconds);
  }
}

/** The HTTP status of each code. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

/** What an unexpected error tells the caller: nothing about SQL, parameters or code, only where to look. */
export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong on our side and it has been logged. If it happens again, give the request id to your administrator.';

/** What the caller is told while the database does not answer (or not in time). */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is not answering right now. Try again in a minute.';

/** A request's database work ran past its deadline (`withinDeadline`). */
export class DatabaseDeadlineError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`the database gave no answer within ${deadlineMs} ms`);
    this.name = 'DatabaseDeadlineError';
  }
}

/**
 * `work`, or a DatabaseDeadlineError once `deadlineMs` has passed without it (null: no deadline). The work is
 * not stopped (nothing can stop a query on a connection that went silent); its late outcome is ignored.
 */
export async function withinDeadline<T>(work: Promise<T>, deadlineMs: number | null): Promise<T> {
  if (!deadlineMs) return work;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseDeadlineError(deadlineMs)), deadlineMs);
  });
  work.catch(() => {}); // a late failure is nobody's to handle
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The database is not there or not answering (database-error.ts), or a request's work ran past its deadline. */
function databaseUnavailable(error: unknown): boolean {
  return error instanceof DatabaseDeadlineError || isDatabaseUnavailable(error);
}

/**
 * Database rules a planner may run into (usually after a concurrent change), in their words rather than the
 * rule's name. Any other rule is named as it is.
 */
const CONSTRAINT_WORDS: Record<string, string> = {
  expenditure_entries_reversed_once: 'This ledger entry has just been reversed by someone else; an entry is reversed only once. Reload the ledger.',
  expenditure_entries_amount_sign: 'A ledger entry must be more than ₱0.00; only a reversal takes money out of the ledger.',
  expenditure_entries_reversal_has_reason: 'A reversal needs a reason, and only a reversal has one.',
  expenditure_entries_description_present: 'Describe what the money was spent on.',
  expenditure_entries_work_item_id_work_items_id_fk: 'This work item has ledger entries, which are kept: it cannot be deleted.',
  expenditure_entries_reverses_id_expenditure_entries_id_fk: 'A reversed ledger entry is kept with its reversal: it cannot be removed.',
  plan_version_locked: 'This plan is locked with the budget and is kept as it is; a change is a plan revision.',
};

/**
 * What the caller may be told about an error, as an AppError; null for an unexpected one (a 500).
 * - a service's AppError as it is; bad input (zod) names the first field;
 * - a rule the database enforced that no service check caught first (a CHECK, a foreign key, a unique index,
 *   e.g. after a concurrent change): 409 naming the rule;
 * - a value the database cannot hold (class 22: out of range, bad encoding): 400;
 * - a transaction that still lost a race with another after the transaction runner's retries (db/index.ts): 409.
 */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    const first = error.issues[0];
    return new AppError('BAD_REQUEST', first?.message ?? 'The input is not valid.', z.flattenError(error).fieldErrors as Record<string, string[]>);
  }
  if (error instanceof InvalidPesoAmountError) return new AppError('BAD_REQUEST', error.message);
  if (error instanceof DistributionError) return AppError.conflict(error.message);
  if (databaseUnavailable(error)) return new AppError('SERVICE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE);
  const database = databaseErrorIn(error);
  if (database?.code.startsWith('23')) {
    const words = database.constraint ? CONSTRAINT_WORDS[database.constraint] : undefined;
    if (words) return AppError.conflict(words);
    return AppError.conflict(`That change breaks a rule of the data (${database.constraint ?? 'a database rule'}); reload and try again.`);
  }
  if (database?.code.startsWith('22')) {
    return new AppError(
      'BAD_REQUEST',
      'A value is out of the range the system can store, or contains characters it cannot keep; check dates, amounts and text.',
    );
  }
  if (lostConcurrencyRace(error)) {
    return AppError.conflict('Someone else was changing the same records at that moment, and your change was not saved. Reload and try again.');
  }
  return null;
}

/** Writes an unexpected error to the log under its request id (made up if the caller had none) and returns the id. */
export function logUnexpectedError(error: unknown, context: { requestId?: string; where: string }): string {
  const requestId = context.requestId ?? randomUUID();
  getLogger().error({ err: error, requestId, where: context.where }, 'unexpected error');
  return requestId;
}

/** The JSON body of a refusal over plain HTTP (REST, exports, the calendar feed). */
export interface HttpErrorBody {
  code: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
  requestId?: string;
}

/** The field a bad input is about: the first zod issue's path ("allocations.0.amount"), or an AppError's field. */
function firstFieldOf(error: unknown): string | null {
  if (error instanceof z.ZodError) return error.issues[0]?.path.join('.') || 'body';
  if (error instanceof AppError && error.fieldErrors) return Object.keys(error.fieldErrors)[0] ?? null;
  return null;
}

/**
 * Any error as a plain-HTTP status and body, the one mapping for REST, exports and the calendar feed: a known
 * refusal with its code and a message that names the field for bad input; anything else a 500 whose detail
 * goes to the log under the request id. A procedure's TRPCError is read through to the error that caused it.
 */
export function httpErrorOf(
  error: unknown,
  context: { requestId?: string; where: string },
): { status: number; body: HttpErrorBody; headers?: Record<string, string> } {
  const trpcError = error instanceof TRPCError ? error : null;
  const cause = trpcError?.cause ?? error;
  const known = toAppError(cause);
  const status = known ? HTTP_STATUS[known.code] : trpcError ? getHTTPStatusCodeFromError(trpcError) : 500;
  if (known?.code === 'SERVICE_UNAVAILABLE') {
    // The operator needs to know (it is logged with its detail); the caller only that it is worth retrying.
    const requestId = logUnexpectedError(cause, context);
    return { status, body: { code: known.code, message: known.message, requestId } };
  }
  if (status >= 500) {
    const requestId = logUnexpectedError(cause, context);
    return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE, requestId } };
  }
  // A refusal tRPC raised itself (no session, too many requests): its own code and words.
  let message = known?.message ?? trpcError!.message;
  const field = firstFieldOf(cause);
  if (field && !message.startsWith(`${field}:`)) message = `${field}: ${message}`;
  const fieldErrors = known?.fieldErrors;
  const body = { code: known?.code ?? trpcError!.code, message, ...(fieldErrors ? { fieldErrors } : {}) };
  // A 429 says when to come back, in the header as in its words.
  return known?.retryAfterSeconds ? { status, body, headers: { 'retry-after': String(known.retryAfterSeconds) } } : { status, body };
}

/** `httpErrorOf` as a Response. */
export function errorResponse(error: unknown, context: { requestId?: string; where: string }): Response {
  const { status, body, headers } = httpErrorOf(error, context);
  return Response.json(body, { status, headers });
}
