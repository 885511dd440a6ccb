import { getDatabase } from '@/db';
import { checkHealth, healthResponse } from '../services/operations/health';

/** GET /api/health: whether the database answers and its migrations are current (no caller needed). */
export async function serveHealth(): Promise<Response> {
  return healthResponse(await checkHealth({ db: getDatabase().db }));
}
