// GET /api/ppas/export.csv — the PPA list as the page filters and sorts it, every page (signed-in session).
import { auth } from '@/auth';
import { getDatabase } from '@/db';
import { handlePpaListExport } from '@/server/http/portfolio-downloads';
import { downloadViewer } from '@/server/http/download-viewer';
import { REQUEST_ID_HEADER } from '@/server/http/request-headers';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const requestId = req.headers.get(REQUEST_ID_HEADER) ?? undefined;
  const caller = await downloadViewer((await auth())?.user?.id, requestId);
  if ('refusal' in caller) return caller.refusal;
  const search = Object.fromEntries(new URL(req.url).searchParams);
  return handlePpaListExport(getDatabase().db, caller.viewer, search, 'csv', requestId);
}
