import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP stand-in for the database server, for tests of a database that is down or hangs. `forward` passes
 * connections to the real PostgreSQL; `hang` accepts new connections and never answers them (a stuck server or
 * a black-holed network); `freeze` also stops every open connection in mid-stream, in both directions (a
 * database that stops answering on connections the app already holds). `url` is the given database URL with
 * its port replaced by the proxy's.
 */
export interface DatabaseProxy {
  port: number;
  url(databaseUrl: string): string;
  hang(): void;
  freeze(): void;
  forward(): void;
  close(): Promise<void>;
}

export async function databaseProxy(mode: 'hang' | 'forward' = 'hang', port = 0): Promise<DatabaseProxy> {
  let current: 'hang' | 'freeze' | 'forward' = mode;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const server: Server = createServer((client) => {
    track(client);
    if (current !== 'forward') return;
    const upstream = createConnection({ host: '127.0.0.1', port: 5432 });
    track(upstream);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    // Byte by byte through here rather than pipe(): a frozen proxy drops what arrives, as a silent network does.
    client.on('data', (data) => current !== 'freeze' && upstream.write(data));
    upstream.on('data', (data) => current !== 'freeze' && client.write(data));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const ownPort = () => (server.address() as { port: number }).port;
  return {
    port: ownPort(),
    url(databaseUrl) {
      const url = new URL(databaseUrl);
      url.host = `127.0.0.1:${ownPort()}`;
      return url.toString();
    },
    hang() {
      current = 'hang';
    },
    freeze() {
      current = 'freeze';
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
