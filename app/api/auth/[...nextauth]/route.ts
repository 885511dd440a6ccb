// GET/POST /api/auth/* — next-auth's sign-in, callback, session and sign-out endpoints.
import { serveAuthGet, serveAuthPost } from '@/server/http/sign-in-handler';

export { serveAuthGet as GET, serveAuthPost as POST };
