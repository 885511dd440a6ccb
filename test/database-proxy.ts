import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP stand-in for the database server, for tests of a database that is down or hangs: in `hang` mode it
 * accepts connections and never answers (a stuck server or a black-holed network), in `forward` mode it passes
 * them to the real PostgreSQL. `url` is the given database URL with its port replaced by the proxy's.
 */
export interface DatabaseProxy {
  port: number;
  url(databaseUrl: string): string;
  hang(): void;
  forward(): void;
  close(): Promise<void>;
}

export async function databaseProxy(mode: 'hang' | 'forward' = 'hang', port = 0): Promise<DatabaseProxy> {
  let current = mode;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (current === 'hang') return;
    const upstream = createConnection({ host: '127.0.0.1', port: 5432 });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    url(databaseUrl) {
      const url = new URL(databaseUrl);
      url.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
      return url.toString();
    },
    hang() {
      current = 'hang';
    },
    forward() {
      current = 'forward';
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on which nothing listens (the connection is refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
