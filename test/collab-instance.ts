import { fork, type ChildProcess } from 'node:child_process';
import type { CollabNotice } from '../server/services/effects/signals';
import { TEST_SECRET } from './collab';

/**
 * Another app instance's collaboration server, in a process of its own (scripts/collab-bench-server.ts) on
 * the same PostgreSQL and Redis: y-websocket keeps one document per name per process, so two instances of
 * one draft need two processes. `notify` announces a save or a lock as that instance's budget services would.
 */
export async function startCollabInstance(options: { databaseUrl: string; redisUrl: string; redisPrefix: string }) {
  const child: ChildProcess = fork('scripts/collab-bench-server.ts', {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_COLLAB_DB_URL: options.databaseUrl,
      BENCH_COLLAB_SECRET: TEST_SECRET,
      BENCH_COLLAB_REDIS_URL: options.redisUrl,
      BENCH_COLLAB_REDIS_PREFIX: options.redisPrefix,
      BENCH_COLLAB_PERSIST_MS: '50',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the collaboration instance exited (${code})`)));
  });
  let stopped: Promise<void> | undefined;
  return {
    url: `ws://127.0.0.1:${port}/collab`,
    notify: (notice: CollabNotice) =>
      new Promise<void>((resolve) => {
        child.once('message', () => resolve());
        child.send({ notice });
      }),
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('stop');
      })),
  };
}
