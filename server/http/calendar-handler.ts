import { AppError, errorResponse } from '../errors';
import { zId } from '../contracts/shared';
import { calendarFeed } from '../services/calendar/calendar-feed';
import { getFailureLimits, type FailureLimits } from '../services/rate-limits/failure-limits';
import { getDatabase, requestDeadlineMs, type Database } from '@/db';
import { resolveCaller, signedIn } from './caller';
import { REQUEST_ID_HEADER } from './request-headers';

/** GET /api/v1/ppas/{id}/calendar.ics, with the token in the header or, for calendar apps, in ?token=. */
export async function handleCalendarRequest(
  req: Request,
  db: Database,
  ppaId: string,
  options: { limits?: FailureLimits; deadlineMs?: number | null } = {},
): Promise<Response> {
  const requestId = req.headers.get(REQUEST_ID_HEADER) ?? undefined;
  try {
    const deadlineMs = options.deadlineMs === undefined ? requestDeadlineMs() : options.deadlineMs;
    const viewer = signedIn(await resolveCaller(req, { db, credentials: { kind: 'calendar' }, limits: options.limits ?? getFailureLimits(), deadlineMs }));
    if (!zId.safeParse(ppaId).success) throw AppError.notFound('That PPA');
    const body = await calendarFeed({ db, viewer, ppaId });
    return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `inline; filename="ppa-${ppaId}.ics"` } });
  } catch (error) {
    return errorResponse(error, { requestId, where: 'calendar feed' });
  }
}

/** The calendar route on this process's database. */
export function serveCalendar(req: Request, ppaId: string): Promise<Response> {
  return handleCalendarRequest(req, getDatabase().db, ppaId);
}
