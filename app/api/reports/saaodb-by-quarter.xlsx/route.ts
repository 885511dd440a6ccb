// GET /api/reports/saaodb-by-quarter.xlsx?fiscalYear=&moa= — the Statement of Appropriations, Allotments, Obligations, Disbursements and Balances by quarter as a download (signed-in session).
import { serveReportDownload } from '@/server/http/session-routes';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return serveReportDownload(req, 'saaodb-by-quarter');
}
