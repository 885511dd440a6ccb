import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
const config = inject('testDatabase');

// The benchmark once printed its figures and then never exited (a client's timers kept the process alive).
describe.skipIf(config.driver !== 'postgres')('npm run bench:collab', () => {
  it('prints the app server beside its bare y-websocket floor, every change delivered, and exits by itself', async () => {
    if (config.driver !== 'postgres') return;
    const { stdout } = await run(tsx, ['scripts/bench-collab.ts'], {
      // A small run: two editors and two followers for two seconds, on the test run's PostgreSQL server.
      env: {
        ...process.env,
        BENCH_DATABASE_URL: config.adminUrl,
        BENCH_SECONDS: '2',
        BENCH_EDITORS: '2',
        BENCH_FOLLOWERS: '2',
        BENCH_CLIENT_PROCESSES: '1',
        BENCH_FULL_CLIENTS: '1',
        NODE_OPTIONS: '',
      },
      // It must end on its own well before this; a hang is killed and fails the test.
      timeout: 120_000,
    });
    expect(stdout).toMatch(/^app \(server\/collab\)\s+\|.*\| (\d+) \/ \1 \(100\.00%\)\s+\| 1 \/ 1 /m);
    expect(stdout).toMatch(/^bare y-websocket\s+\|.*\| (\d+) \/ \1 \(100\.00%\)\s+\| 1 \/ 1 /m);
    expect(stdout).toMatch(/^app ÷ floor at p95: \d+(\.\d+)?(e-\d+)?× \(goal: .+\)$/m);
  }, 150_000);
});
