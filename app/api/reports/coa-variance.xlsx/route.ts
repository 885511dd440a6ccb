// GET /api/reports/coa-variance.xlsx?fiscalYear=&moa= — the COA Variance Report as a download (signed-in session).
import { auth } from '@/auth';
import { getDatabase } from '@/db';
import { createContext } from '@/server/context';
import { handleReportDownload } from '@/server/http/portfolio-downloads';
import { REQUEST_ID_HEADER } from '@/server/http/request-headers';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const { viewer } = await createContext((await auth())?.user?.id);
  return handleReportDownload(getDatabase().db, viewer, 'coa-variance', new URL(req.url).searchParams, req.headers.get(REQUEST_ID_HEADER) ?? undefined);
}
