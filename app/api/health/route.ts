// GET /api/health — whether the database answers and its migrations are current (no authentication).
import { getDatabase } from '@/db';
import { checkHealth, healthResponse } from '@/server/services/operations/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  return healthResponse(await checkHealth({ db: getDatabase().db }));
}
