// GET/POST/PATCH/DELETE /api/v1/* — the Integration API (REST over the tRPC procedures, bearer tokens).
import { getDatabase } from '@/db';
import { handleRestRequest } from '@/server/http/rest-handler';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  return handleRestRequest(req, getDatabase().db);
}

export { handler as GET, handler as POST, handler as PATCH, handler as PUT, handler as DELETE };
