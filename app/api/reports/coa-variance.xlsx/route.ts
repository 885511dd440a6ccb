// GET /api/reports/coa-variance.xlsx?fiscalYear=&moa= — the COA Variance Report as a download (signed-in session).
import { serveReportDownload } from '@/server/http/session-routes';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return serveReportDownload(req, 'coa-variance');
}
