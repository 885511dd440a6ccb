// GET /api/ppas/{id}/allocation-tree.xlsx — the allocation tree as a download (signed-in session).
import { auth } from '@/auth';
import { getDatabase } from '@/db';
import { createContext } from '@/server/context';
import { handleAllocationExport } from '@/server/http/export-handler';
import { REQUEST_ID_HEADER } from '@/server/http/request-headers';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { viewer } = await createContext((await auth())?.user?.id);
  return handleAllocationExport(getDatabase().db, viewer, (await params).id, 'xlsx', req.headers.get(REQUEST_ID_HEADER) ?? undefined);
}
