import type { Database } from '@/db';
import { errorResponse } from '../errors';
import { zId } from '../contracts/shared';
import { calendarFeed } from '../services/calendar/calendar-feed';
import { getFailureLimits } from '../services/rate-limits/failure-limits';
import { REQUEST_ID_HEADER } from './request-headers';
import { authenticate } from './rest-handler';

/** GET /api/v1/ppas/{id}/calendar.ics, with the token in the header or, for calendar apps, in ?token=. */
export async function handleCalendarRequest(req: Request, db: Database, ppaId: string): Promise<Response> {
  const requestId = req.headers.get(REQUEST_ID_HEADER) ?? undefined;
  try {
    const caller = await authenticate(db, req, getFailureLimits(), { allowQueryToken: true });
    if ('refusal' in caller) return caller.refusal;
    const { viewer } = caller;
    if (!viewer) return Response.json({ code: 'UNAUTHORIZED', message: 'Send a personal API token (Authorization: Bearer …, or ?token=).' }, { status: 401 });
    if (!zId.safeParse(ppaId).success) return Response.json({ code: 'NOT_FOUND', message: 'That PPA was not found, or you do not have access to it.' }, { status: 404 });
    const body = await calendarFeed({ db, viewer, ppaId });
    return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `inline; filename="ppa-${ppaId}.ics"` } });
  } catch (error) {
    return errorResponse(error, { requestId, where: 'calendar feed' });
  }
}
