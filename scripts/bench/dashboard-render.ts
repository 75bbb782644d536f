// `npx tsx scripts/bench/dashboard-render.ts [--url http://127.0.0.1:3000] [--slug public-api] [--runs 5]`
// Measures, in Debian's Chromium, how long a dashboard takes until every panel has left its loading
// state — cold (fresh browser context: no HTTP cache) and warm (same context, second visit) — and
// the JavaScript the page loads: first-load (before the load event) and total, gzip-compressed.
// Needs a running Sightline with the demo users (e.g. `npm run demo`). Prints medians.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_LOGINS } from '../../lib/auth/demo-logins';

const { values } = parseArgs({ options: { url: { type: 'string' }, slug: { type: 'string' }, runs: { type: 'string' }, role: { type: 'string' } } });
const base = values.url ?? process.env.SIGHTLINE_URL ?? 'http://127.0.0.1:3000';
const slug = values.slug ?? 'public-api';
const runs = Math.min(20, Math.max(1, Number(values.runs ?? 5)));
const login = DEMO_LOGINS.find((l) => l.role === (values.role ?? 'operator'));
if (!login) throw new Error('unknown role');
const root = path.resolve(import.meta.dirname, '../..');
// Flags from playwright.config.ts.
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const TIMEOUT_MS = 60_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

async function signIn(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto(`${base}/signin?callbackUrl=%2Fdashboards`);
  await page.getByLabel('Email').fill(login!.email);
  await page.getByLabel('Password').fill(login!.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor({ timeout: TIMEOUT_MS });
  await page.close();
}

/** Milliseconds from navigation start until every panel has left "loading". */
async function timeRender(page: Page): Promise<number> {
  const started = performance.now();
  await page.goto(`${base}/d/${slug}`);
  await page.getByTestId('dashboard').waitFor({ timeout: TIMEOUT_MS });
  try {
    // Settled: no panel waits for data, and every chart panel has drawn its SVG.
    await page.waitForFunction(() => {
      const panels = [...document.querySelectorAll('[data-testid="panel"]')];
      return panels.length > 0 && panels.every((p) => p.getAttribute('data-state') !== 'loading' && (p.getAttribute('data-panel-type') !== 'timeseries' || p.getAttribute('data-state') === 'error' || p.querySelector('svg.recharts-surface')));
    }, undefined, { timeout: TIMEOUT_MS, polling: 16 });
  } catch (err) {
    const states = await page.locator('[data-testid="panel"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-panel-id')}=${e.getAttribute('data-state')}`));
    throw new Error(`panels did not settle: ${states.join(' ')}`, { cause: err });
  }
  return performance.now() - started;
}

/** Gzip size of the page's scripts, read from .next/static (what `next start` serves). */
async function measureScripts(page: Page): Promise<{ firstLoad: number; total: number; files: number }> {
  const entries = await page.evaluate(() => {
    const loadEnd = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return performance.getEntriesByType('resource').filter((r) => r.name.includes('/_next/static/') && r.name.endsWith('.js')).map((r) => ({ url: r.name, end: (r as PerformanceResourceTiming).responseEnd, beforeLoad: (r as PerformanceResourceTiming).responseEnd <= (loadEnd?.loadEventStart ?? Infinity) }));
  });
  let firstLoad = 0;
  let total = 0;
  for (const e of entries) {
    const rel = decodeURIComponent(new URL(e.url).pathname).replace(/^\/_next\//, '');
    const size = gzipSync(readFileSync(path.join(root, '.next', rel)), { level: 9 }).length;
    total += size;
    if (e.beforeLoad) firstLoad += size;
  }
  return { firstLoad, total, files: entries.length };
}

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    let js = { firstLoad: 0, total: 0, files: 0 };
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      await signIn(context);
      const page = await context.newPage();
      cold.push(await timeRender(page));
      if (i === 0) js = await measureScripts(page);
      warm.push(await timeRender(page));
      await context.close();
    }
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`dashboard "${slug}" at ${base}, ${runs} runs, Chromium ${browser.version()}`);
    console.log(`render all panels, cold: median ${median(cold).toFixed(0)} ms  (runs: ${cold.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`render all panels, warm: median ${median(warm).toFixed(0)} ms  (runs: ${warm.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`first-load JS (gzip, scripts loaded before the load event): ${kb(js.firstLoad)}; all JS incl. lazy chunks: ${kb(js.total)} in ${js.files} files`);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
