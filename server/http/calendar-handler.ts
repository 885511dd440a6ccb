import type { Database } from '@/db';
import { AppError, HTTP_STATUS } from '../errors';
import { zId } from '../routers/shared.types';
import { calendarFeed } from '../services/calendar/calendar-feed';
import { restViewer } from './rest-handler';

/** GET /api/v1/ppas/{id}/calendar.ics, with the token in the header or, for calendar apps, in ?token=. */
export async function handleCalendarRequest(req: Request, db: Database, ppaId: string): Promise<Response> {
  const viewer = await restViewer(db, req, { allowQueryToken: true });
  if (!viewer) return Response.json({ code: 'UNAUTHORIZED', message: 'Send a personal API token (Authorization: Bearer …, or ?token=).' }, { status: 401 });
  if (!zId.safeParse(ppaId).success) return Response.json({ code: 'NOT_FOUND', message: 'That PPA was not found, or you do not have access to it.' }, { status: 404 });
  try {
    const body = await calendarFeed({ db, viewer, ppaId });
    return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `inline; filename="ppa-${ppaId}.ics"` } });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ code: error.code, message: error.message }, { status: HTTP_STATUS[error.code] });
    throw error;
  }
}
