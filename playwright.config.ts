import { defineConfig } from '@playwright/test';
import { APP_SERVER_BUNDLE } from './scripts/lib/app-server';

// Run through `npm test` (scripts/test/run.ts), which starts the real backends, seeds the demo users
// and sets SIGHTLINE_E2E_PORT, DATABASE_URL and the backend URLs for the server started below.
const port = Number(process.env.SIGHTLINE_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  // Starts the demo shop and its traffic against the test backends, so pages show real telemetry.
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry: these specs drive a live shop, alerts and a loaded two-core machine, where a step can
  // miss its time once; the runner prints how many passed only on retry, so flakiness stays visible.
  retries: 1,
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    viewport: { width: 1600, height: 1000 },
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    // Sightline's server (`npm start`, built by `npm run build`): Next behind the server that encodes its answers.
    command: `node ${APP_SERVER_BUNDLE} -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
