/**
 * The one error type services throw. Procedures, the REST layer and the UI map its code to a status
 * (400 / 401 / 403 / 404 / 409) in one place: server/trpc.ts.
 */
export type AppErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field name → messages, so forms can show the error next to the field. */
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badField(field: string, message: string): AppError {
    return new AppError('BAD_REQUEST', message, { [field]: [message] });
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
}

/** The HTTP status of each code, for responses that do not go through tRPC (the calendar feed). */
export const HTTP_STATUS: Record<AppErrorCode, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };
