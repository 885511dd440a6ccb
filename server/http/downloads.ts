import { getDatabase, requestDeadlineMs, type Database } from '@/db';
import type { Viewer } from '../domain/types';
import { manilaDay } from '../domain/schedule';
import { AppError, errorResponse } from '../errors';
import { listRequestFromSearch, type SearchParams } from '../contracts/ppa-list-search';
import { XLSX_CONTENT_TYPE } from '../contracts/reports';
import { zId } from '../contracts/shared';
import { appRouter } from '../routers/_app';
import { allocationTreeCsv, allocationTreeXlsx } from '../services/exports/allocation-export';
import { ppaListCsv, ppaListXlsx } from '../services/exports/ppa-list-export';
import { listPpasForExport } from '../services/ppa/list-ppas';
import { getFailureLimits } from '../services/rate-limits/failure-limits';
import { createCallerFactory } from '../trpc';
import { resolveCaller, signedIn } from './caller';
import { REQUEST_ID_HEADER } from './request-headers';
import { callRoute, findRoute, queryInput } from './rest-router';

/**
 * The signed-in browser's downloads (exports, report workbooks): the caller is resolved like every other edge's
 * (resolveCaller, from the session), then each download runs the same procedure the REST API runs for it where
 * there is one (the allocation tree, the report workbooks), and every refusal is worded by errorResponse.
 */

/** A download for a signed-in caller: the file, or the refusal (401 with nobody signed in). */
type Download = (db: Database, viewer: Viewer, requestId: string | undefined) => Promise<Response>;

export interface SessionDownloadOptions {
  /** The signed-in user's id from the session cookie (auth() in the route; tests pass their own). */
  sessionUserId: () => Promise<string | null | undefined>;
  db?: Database;
  /** How long reading the viewer may wait on the database before the download answers 503. */
  deadlineMs?: number | null;
}

/** Runs `download` for the session's caller: a database that does not answer in time is a 503 with the request id. */
export async function serveSessionDownload(req: Request, download: Download, options: SessionDownloadOptions): Promise<Response> {
  const requestId = req.headers.get(REQUEST_ID_HEADER) ?? undefined;
  const db = options.db ?? getDatabase().db;
  try {
    const deadlineMs = options.deadlineMs === undefined ? requestDeadlineMs() : options.deadlineMs;
    const viewer = await resolveCaller(req, { db, credentials: { kind: 'session', userId: options.sessionUserId }, limits: getFailureLimits(), deadlineMs });
    return await download(db, signedIn(viewer), requestId);
  } catch (error) {
    return errorResponse(error, { requestId, where: 'the signed-in viewer of a download' });
  }
}

function attachment(body: string | Buffer, contentType: string, fileName: string, options: { noStore: boolean }): Response {
  const headers: Record<string, string> = { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"` };
  if (options.noStore) headers['cache-control'] = 'no-store';
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), { headers });
}

const createCaller = createCallerFactory(appRouter);

/** GET …/allocation-tree.csv|.xlsx: the tree the REST API's `budget.allocationTree` answers, as a file. */
export async function handleAllocationExport(
  db: Database,
  viewer: Viewer | null,
  ppaId: string,
  format: 'csv' | 'xlsx',
  requestId?: string,
): Promise<Response> {
  try {
    const caller = createCaller({ db, viewer: signedIn(viewer), requestId });
    // A malformed id is a PPA nobody can see (404), as in the page's own URL, not bad input.
    if (!zId.safeParse(ppaId).success) throw AppError.notFound('That PPA');
    const tree = await caller.budget.allocationTree({ id: ppaId });
    const fileName = `allocation-${tree.ppa.moaCode}-${ppaId.slice(0, 8)}.${format}`;
    if (format === 'csv') return attachment(allocationTreeCsv(tree), 'text/csv; charset=utf-8', fileName, { noStore: false });
    return attachment(await allocationTreeXlsx(tree), XLSX_CONTENT_TYPE, fileName, { noStore: false });
  } catch (error) {
    return errorResponse(error, { requestId, where: `allocation export (${format})` });
  }
}

/**
 * GET /api/ppas/export.csv|.xlsx: exactly the PPAs the list page shows for the same URL parameters (all pages,
 * in its order), within what the signed-in viewer may see. No procedure serves every page at once, so this one
 * calls the list's service (the REST API pages through `ppa.list` instead).
 */
export async function handlePpaListExport(
  db: Database,
  viewer: Viewer | null,
  search: SearchParams,
  format: 'csv' | 'xlsx',
  requestId?: string,
): Promise<Response> {
  try {
    const signedInViewer = signedIn(viewer);
    const { cursor: _cursor, ...filters } = listRequestFromSearch(search);
    const rows = await listPpasForExport({ db, viewer: signedInViewer, filters });
    const fileName = `ppas-${manilaDay(new Date())}.${format}`;
    if (format === 'csv') return attachment(ppaListCsv(rows), 'text/csv; charset=utf-8', fileName, { noStore: true });
    return attachment(await ppaListXlsx(rows), XLSX_CONTENT_TYPE, fileName, { noStore: true });
  } catch (error) {
    return errorResponse(error, { requestId, where: `PPA list export (${format})` });
  }
}

export type ReportName = 'budget-execution' | 'coa-variance' | 'physical-report-of-operation' | 'saaodb-by-quarter';

/**
 * GET /api/reports/budget-execution.xlsx|coa-variance.xlsx?fiscalYear=&moa= for the signed-in browser: the very
 * route the REST API serves to API tokens under /api/v1/reports (same procedure, input, file and refusals).
 */
export async function handleReportDownload(
  db: Database,
  viewer: Viewer | null,
  report: ReportName,
  params: URLSearchParams,
  requestId?: string,
): Promise<Response> {
  try {
    const found = findRoute('GET', `/reports/${report}.xlsx`)!;
    const request = { method: 'GET', headers: new Headers() };
    return await callRoute(found.route, queryInput(found.route.procedure, params), { db, viewer: signedIn(viewer), requestId }, request);
  } catch (error) {
    return errorResponse(error, { requestId, where: `report ${report}` });
  }
}
