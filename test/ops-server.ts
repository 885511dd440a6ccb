import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { Database } from '../db';
import { createAppServer } from '../server/http/app-server';
import { metricsResponse } from '../server/http/metrics-endpoint';
import { handleRestRequest } from '../server/http/rest-handler';
import { webSecurityConfigFromEnv } from '../server/http/web-security';
import { checkHealth, healthResponse } from '../server/services/operations/health';

/**
 * An app instance without Next.js, for the operations tests: the app's own server (server/http/app-server.ts:
 * request ids, metrics by route, slow requests) in front of the route handlers that need no Next (health,
 * metrics, REST; `migrationsFolder`: the migrations this instance's version ships), and a page stand-in for anything else (200, or 404 for "/missing…"). Several may serve one
 * database, as instances of a deployment do.
 */
export interface OpsInstance {
  port: number;
  url: string;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, port: number): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://127.0.0.1:${port}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startOpsInstance(
  db: Database,
  env: Record<string, string | undefined> = { METRICS_TOKEN: 'test-metrics-token' },
  options: { migrationsFolder?: string } = {},
): Promise<OpsInstance> {
  const app = createAppServer({ trustProxy: false, webSecurity: webSecurityConfigFromEnv({ NODE_ENV: 'production' }) });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const port = (app.server.address() as AddressInfo).port;
  app.ready({
    handleRequest: async (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/api/health') return send(res, healthResponse(await checkHealth({ db, migrationsFolder: options.migrationsFolder })));
      if (path === '/api/metrics') return send(res, await metricsResponse(toRequest(req, port), env));
      if (path.startsWith('/api/v1/')) return send(res, await handleRestRequest(toRequest(req, port), db));
      if (path.startsWith('/slow')) await new Promise((r) => setTimeout(r, 2_100));
      if (path.startsWith('/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': ping\n\n');
        return void setTimeout(() => res.end(), 2_100);
      }
      res.writeHead(path.startsWith('/missing') ? 404 : 200, { 'content-type': 'text/html' }).end('<p>page</p>');
    },
    handleUpgrade: (_req, socket) => socket.destroy(),
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      app.server.closeAllConnections();
      await new Promise((resolve) => app.server.close(resolve));
    },
  };
}
