// GET /api/ppas/{id}/allocation-tree.csv — the allocation tree as a download (signed-in session).
import { auth } from '@/auth';
import { getDatabase } from '@/db';
import { handleAllocationExport } from '@/server/http/export-handler';
import { downloadViewer } from '@/server/http/download-viewer';
import { REQUEST_ID_HEADER } from '@/server/http/request-headers';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const requestId = req.headers.get(REQUEST_ID_HEADER) ?? undefined;
  const caller = await downloadViewer((await auth())?.user?.id, requestId);
  if ('refusal' in caller) return caller.refusal;
  return handleAllocationExport(getDatabase().db, caller.viewer, (await params).id, 'csv', requestId);
}
