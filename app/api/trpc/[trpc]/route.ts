// GET/POST /api/trpc/* — the browser app's tRPC procedures, for the signed-in user.
import { serveTrpc } from '@/server/http/session-routes';

export { serveTrpc as GET, serveTrpc as POST };
