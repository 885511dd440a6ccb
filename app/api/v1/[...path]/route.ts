// GET/POST/PATCH/DELETE /api/v1/* — the Integration API (REST over the tRPC procedures, bearer tokens).
import { serveRest } from '@/server/http/rest-handler';

export const dynamic = 'force-dynamic';

export { serveRest as GET, serveRest as POST, serveRest as PATCH, serveRest as PUT, serveRest as DELETE };
