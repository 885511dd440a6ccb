// GET /api/ppas/export.xlsx — the PPA list as the page filters and sorts it, every page (signed-in session).
import { servePpaListExport } from '@/server/http/session-routes';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return servePpaListExport(req, 'xlsx');
}
