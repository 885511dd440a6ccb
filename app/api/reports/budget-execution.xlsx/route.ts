// GET /api/reports/budget-execution.xlsx?fiscalYear=&moa= — the MFBM Budget Execution Report as a download (signed-in session).
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
  return handleReportDownload(getDatabase().db, caller.viewer, 'budget-execution', new URL(req.url).searchParams, requestId);
}
