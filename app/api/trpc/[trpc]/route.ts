// GET/POST /api/trpc/* — the browser app's tRPC procedures, for the signed-in user.
import { auth } from '@/auth';
import { createContext } from '@/server/context';
import { publicOrigin } from '@/server/http/public-url';
import { clientIpFromHeaders, REQUEST_ID_HEADER } from '@/server/http/request-headers';
import { handleTrpcRequest } from '@/server/http/trpc-handler';

function handler(req: Request) {
  return handleTrpcRequest(req, async () => ({
    ...(await createContext((await auth())?.user?.id)),
    origin: publicOrigin(req),
    requestId: req.headers.get(REQUEST_ID_HEADER) ?? undefined,
    clientIp: clientIpFromHeaders(req.headers),
  }));
}

export { handler as GET, handler as POST };
