// GET /api/ppas/{id}/allocation-tree.csv — the allocation tree as a download (signed-in session).
import { serveAllocationExport } from '@/server/http/session-routes';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveAllocationExport(req, (await params).id, 'csv');
}
