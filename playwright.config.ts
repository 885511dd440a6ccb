import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const port = Number(process.env.E2E_PORT || 3100);
// E2E_BASE_URL points the tests at an app that is already running (e.g. `npm run dev`) instead.
const externalBaseUrl = process.env.E2E_BASE_URL;
// A fresh embedded database per run: the app migrates and seeds it on start, as on a fresh clone.
const dataDir = process.env.E2E_DATA_DIR || mkdtempSync(path.join(tmpdir(), 'ppa-e2e-'));

const chromium = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: externalBaseUrl || `http://localhost:${port}`,
    launchOptions: chromium,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } }],
  webServer: externalBaseUrl
    ? undefined
    : {
        // The production build, served by the same custom server as `npm start`.
        command: 'npm run build && npm start',
        url: `http://localhost:${port}/sign-in`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        env: { PORT: String(port), DATA_DIR: dataDir, NEXT_DIST_DIR: '.next-e2e', DATABASE_URL: '', SEED_DEMO_DATA: 'true' },
      },
});
