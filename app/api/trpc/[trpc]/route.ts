// GET/POST /api/trpc/* — the browser app's tRPC procedures, for the signed-in user.
import { auth } from '@/auth';
import { createContext } from '@/server/context';
import { handleTrpcRequest } from '@/server/http/trpc-handler';

function handler(req: Request) {
  return handleTrpcRequest(req, async () => createContext((await auth())?.user?.id));
}

export { handler as GET, handler as POST };
