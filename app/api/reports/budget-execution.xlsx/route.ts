// GET /api/reports/budget-execution.xlsx?fiscalYear=&moa= — the MFBM Budget Execution Report as a download (signed-in session).
import { serveReportDownload } from '@/server/http/session-routes';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return serveReportDownload(req, 'budget-execution');
}
