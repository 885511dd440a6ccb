import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next*/**'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses: let Vite resolve it.
    server: { deps: { inline: ['next-auth'] } },
    coverage: {
      provider: 'v8',
      // What a unit test can load: the next-auth wiring (auth.integration.test.ts drives its route handlers),
      // the server, the components' pure modules (form models, formatting, labels), the Inngest functions and
      // the database layer. React components (.tsx) and app/ (Next routes and pages) need Next or a DOM, and
      // are exercised by the e2e run. scripts/ is left out: its tests run the scripts as child processes,
      // which this coverage does not see.
      include: ['auth.ts', 'server/**/*.ts', 'components/**/*.ts', 'inngest/**/*.ts', 'db/**/*.ts'],
      exclude: [
        '**/*.test.ts',
        // main.ts only starts the process (Next + listen); the e2e run exercises it, not unit tests.
        'server/main.ts',
        // React hooks (need a renderer) and the browser side of collaborative editing.
        'components/**/use-*.ts',
        'components/collab/**',
        // Command-line entry points and generated SQL migrations.
        'db/cli/**',
        'db/migrations/**',
      ],
      reporter: ['text-summary', 'text'],
      // Global figures cover every included file; the server keeps its own 90% lines floor.
      thresholds: {
        lines: 90,
        statements: 90,
        functions: 85,
        branches: 85,
        'server/**': { lines: 90 },
      },
    },
  },
});
