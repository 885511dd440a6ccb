import { auth } from '@/auth';
import { getDatabase } from '@/db';
import { getFailureLimits } from '../services/rate-limits/failure-limits';
import { resolveCaller } from './caller';
import { handleAllocationExport, handlePpaListExport, handleReportDownload, serveSessionDownload, type ReportName } from './downloads';
import { publicOrigin } from './public-url';
import { clientIpFromHeaders, REQUEST_ID_HEADER } from './request-headers';
import { handleTrpcRequest } from './trpc-handler';

/**
 * The routes the browser reaches with its session cookie (app/api/trpc and the six downloads): each route file
 * calls one of these and nothing else. The session is read here, through resolveCaller, like a token is for REST.
 */

/** The signed-in user's id from the session cookie, as next-auth reads it for this request. */
const sessionUserId = async () => (await auth())?.user?.id;

/** GET/POST /api/trpc/*: the browser app's procedures for the session's caller (the deadline is the handler's). */
export function serveTrpc(req: Request): Promise<Response> {
  return handleTrpcRequest(req, async () => {
    const { db } = getDatabase();
    const viewer = await resolveCaller(req, { db, credentials: { kind: 'session', userId: sessionUserId }, limits: getFailureLimits(), deadlineMs: null });
    return { db, viewer, origin: publicOrigin(req), requestId: req.headers.get(REQUEST_ID_HEADER) ?? undefined, clientIp: clientIpFromHeaders(req.headers) };
  });
}

/** GET /api/ppas/export.csv|.xlsx with the list page's URL parameters. */
export function servePpaListExport(req: Request, format: 'csv' | 'xlsx'): Promise<Response> {
  const search = Object.fromEntries(new URL(req.url).searchParams);
  return serveSessionDownload(req, (db, viewer, requestId) => handlePpaListExport(db, viewer, search, format, requestId), { sessionUserId });
}

/** GET /api/ppas/{id}/allocation-tree.csv|.xlsx. */
export function serveAllocationExport(req: Request, ppaId: string, format: 'csv' | 'xlsx'): Promise<Response> {
  return serveSessionDownload(req, (db, viewer, requestId) => handleAllocationExport(db, viewer, ppaId, format, requestId), { sessionUserId });
}

/** GET /api/reports/{report}.xlsx?fiscalYear=&moa=. */
export function serveReportDownload(req: Request, report: ReportName): Promise<Response> {
  const params = new URL(req.url).searchParams;
  return serveSessionDownload(req, (db, viewer, requestId) => handleReportDownload(db, viewer, report, params, requestId), { sessionUserId });
}
