import { environment } from '../lib/config';
import { timingSafeEqual } from 'node:crypto';
import { getMetrics } from '../lib/metrics';

/**
 * GET /api/metrics: this instance's metrics in Prometheus's text format, for a scraper holding METRICS_TOKEN
 * (`Authorization: Bearer …`). Without METRICS_TOKEN set the route does not exist (404), so a deployment that
 * does not watch its metrics exposes nothing; a wrong or missing token gets 401.
 */
export async function metricsResponse(req: Request, env: Record<string, string | undefined> = environment()): Promise<Response> {
  const expected = env.METRICS_TOKEN?.trim();
  if (!expected) return Response.json({ code: 'NOT_FOUND', message: 'There is no /api/metrics on this server.' }, { status: 404 });
  const sent = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1]?.trim() ?? '';
  if (!sameSecret(sent, expected)) {
    return Response.json(
      { code: 'UNAUTHORIZED', message: 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.' },
      { status: 401, headers: { 'www-authenticate': 'Bearer' } },
    );
  }
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), { status: 200, headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
}

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
