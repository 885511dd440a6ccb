import type { Database } from '@/db';
import type { Viewer } from '../domain/types';
import { errorResponse } from '../errors';
import { listRequestFromSearch, type SearchParams } from '../contracts/ppa-list-search';
import { XLSX_CONTENT_TYPE, zReportRequest } from '../contracts/reports';
import { ppaListCsv, ppaListXlsx } from '../services/exports/ppa-list-export';
import { listPpasForExport } from '../services/ppa/list-ppas';
import { budgetExecutionReport, coaVarianceReport } from '../services/reports/report-workbooks';
import { physicalReport, saaodbReport } from '../services/reports/plan-workbooks';
import { manilaDay } from '../domain/schedule';

const unauthorized = () => Response.json({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' }, { status: 401 });

function download(body: string | Buffer, contentType: string, fileName: string): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
  });
}

/**
 * GET /api/ppas/export.csv|.xlsx: exactly the PPAs the list page shows for the same URL parameters (all
 * pages, in its order), within what the signed-in viewer may see.
 */
export async function handlePpaListExport(db: Database, viewer: Viewer | null, search: SearchParams, format: 'csv' | 'xlsx', requestId?: string): Promise<Response> {
  if (!viewer) return unauthorized();
  try {
    const { cursor: _cursor, ...filters } = listRequestFromSearch(search);
    const rows = await listPpasForExport({ db, viewer, filters });
    const fileName = `ppas-${manilaDay(new Date())}.${format}`;
    if (format === 'csv') return download(ppaListCsv(rows), 'text/csv; charset=utf-8', fileName);
    return download(await ppaListXlsx(rows), XLSX_CONTENT_TYPE, fileName);
  } catch (error) {
    return errorResponse(error, { requestId, where: `PPA list export (${format})` });
  }
}

const REPORTS = {
  'budget-execution': budgetExecutionReport,
  'coa-variance': coaVarianceReport,
  'physical-report-of-operation': physicalReport,
  'saaodb-by-quarter': saaodbReport,
} as const;

/**
 * GET /api/reports/budget-execution.xlsx|coa-variance.xlsx?fiscalYear=&moa= for the signed-in browser (the
 * REST API serves the same workbooks to API tokens under /api/v1/reports). A bad fiscal year or MOA code is a 400.
 */
export async function handleReportDownload(db: Database, viewer: Viewer | null, report: keyof typeof REPORTS, params: URLSearchParams, requestId?: string): Promise<Response> {
  if (!viewer) return unauthorized();
  try {
    const year = params.get('fiscalYear');
    const input = zReportRequest.parse({
      fiscalYear: year !== null && /^\d{1,4}$/.test(year) ? Number(year) : (year ?? undefined),
      moa: params.get('moa') || undefined,
    });
    const file = await REPORTS[report]({ db, viewer, input });
    return download(file.content, XLSX_CONTENT_TYPE, file.fileName);
  } catch (error) {
    return errorResponse(error, { requestId, where: `report ${report}` });
  }
}
