// GET /api/v1/ppas/{id}/calendar.ics — the PPA's dated work items as an iCalendar feed.
import { serveCalendar } from '@/server/http/calendar-handler';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveCalendar(req, (await params).id);
}
