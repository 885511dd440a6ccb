// GET /api/reports/physical-report-of-operation.xlsx?fiscalYear=&moa= — the Quarterly Physical Report of Operation as a download (signed-in session).
import { serveReportDownload } from '@/server/http/session-routes';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return serveReportDownload(req, 'physical-report-of-operation');
}
