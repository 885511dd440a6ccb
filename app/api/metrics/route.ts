// GET /api/metrics — this instance's Prometheus metrics, for a scraper with METRICS_TOKEN (404 when unset).
import { metricsResponse } from '@/server/http/metrics-endpoint';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  return metricsResponse(req);
}
