// GET /api/health — whether the database answers and its migrations are current (no authentication).
import { serveHealth } from '@/server/http/health-handler';

export const dynamic = 'force-dynamic';

export { serveHealth as GET };
