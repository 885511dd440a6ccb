import { requestDeadlineMs } from '@/db';
import type { Viewer } from '../domain/types';
import { createContext } from '../context';
import { errorResponse, withinDeadline } from '../errors';

/**
 * The signed-in viewer of a download route (exports, report workbooks), or the answer to give when the viewer
 * cannot be read: a database that does not answer in time is a 503 with the request id, like every other
 * request's, rather than Next.js's error page.
 */
export async function downloadViewer(userId: string | null | undefined, requestId: string | undefined, deadlineMs = requestDeadlineMs()): Promise<{ viewer: Viewer | null } | { refusal: Response }> {
  try {
    return { viewer: (await withinDeadline(createContext(userId), deadlineMs)).viewer };
  } catch (error) {
    return { refusal: errorResponse(error, { requestId, where: 'the signed-in viewer of a download' }) };
  }
}
