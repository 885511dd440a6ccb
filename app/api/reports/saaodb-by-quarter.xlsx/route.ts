// GET /api/reports/saaodb-by-quarter.xlsx?fiscalYear=&moa= — the SAAODB by quarter as a download (signed-in session).
import { auth } from '@/auth';
import { getDatabase } from '@/db';
import { handleReportDownload } from '@/server/http/portfolio-downloads';
import { downloadViewer } from '@/server/http/download-viewer';
import { REQUEST_ID_HEADER } from '@/server/http/request-headers';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const requestId = req.headers.get(REQUEST_ID_HEADER) ?? undefined;
  const caller = await downloadViewer((await auth())?.user?.id, requestId);
  if ('refusal' in caller) return caller.refusal;
  return handleReportDownload(getDatabase().db, caller.viewer, 'saaodb-by-quarter', new URL(req.url).searchParams, requestId);
}
