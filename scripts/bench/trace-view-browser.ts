import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_LOGINS } from '@/lib/auth/demo-logins';

/**
 * Browser side of the trace-view benchmark: Debian's Chromium (flags as in playwright.config.ts),
 * 1600×1000, signed in as the demo operator. Times come from the page's own clock
 * (performance.now(), zero at navigation start).
 */

export const VIEWPORT = { width: 1600, height: 1000 };
const LAUNCH_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** Quiet main thread needed after the rows are painted before the page counts as idle. */
const QUIET_MS = 500;

/** Installed before any page script: records long tasks and the first frame painted with waterfall rows. */
const PROBE = `
  window.__bench = { longTaskEnd: 0, rowsAt: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTaskEnd = Math.max(window.__bench.longTaskEnd, e.startTime + e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const look = () => {
    if (document.querySelector('[role="treeitem"]')) requestAnimationFrame(() => { window.__bench.rowsAt = performance.now(); });
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
`;

export interface OpenSample {
  /** Navigation start → rows painted and no long task for QUIET_MS (end of the last long task if later). */
  openMs: number;
  rowsPaintedMs: number;
  heapMb: number;
  /** The trace view's own User Timing marks (parsed, decoded, model), ms since navigation start. */
  marks: Record<string, number>;
  /** The view's Server-Timing phases (jaeger, decode, encode, load, wait), ms. */
  server: Record<string, number>;
  /** Diagnostics from resource timing: the HTML's and the trace data's (GET …/view) arrival, ms since navigation start. */
  htmlEndMs: number;
  dataStartMs: number | null;
  dataEndMs: number | null;
}

export interface ScrollSample {
  medianFrameMs: number;
  maxFrameMs: number;
  frames: number;
}

/** Launches Chromium and signs in as the demo operator. */
export async function openSignedInBrowser(baseUrl: string): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
  const context = await browser.newContext({ viewport: VIEWPORT, baseURL: baseUrl });
  await context.addInitScript(PROBE);
  const login = DEMO_LOGINS.find((l) => l.role === 'operator')!; // the demo users always include an operator
  const page = await context.newPage();
  await page.goto('/signin?callbackUrl=%2Fdashboards');
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor({ timeout: 30_000 });
  await page.close();
  return { browser, context };
}

/**
 * The one tab every open happens in. A new tab in headless Chromium is a new browser window, whose
 * own UI (the chrome://omnibox-popup.top-chrome WebUI renderer) costs 0.5–1.2 s of CPU in the
 * seconds after it opens: on two cores that competes with the page, the server and Jaeger, and it is
 * not the page's cost. An operator opens a trace in a browser that is already running, so the
 * benchmark does too.
 */
export async function openBenchTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(BLANK);
  await page.waitForTimeout(3000); // let the new window's browser UI settle before the first open
  return page;
}

/**
 * Where each open starts from: a data: document, which Chromium gives a process of its own, so that
 * the trace page then starts in a fresh renderer too (a cold JavaScript engine that parses and runs
 * the app's scripts, as on a first visit; the HTTP cache is warm, as for a returning user). From
 * about:blank, Chromium would keep the previous trace page's renderer and its compiled code.
 */
const BLANK = 'data:text/html,';

/** Loads /traces/<id> in `page`, in a fresh renderer, and measures time to painted-and-idle and the JS heap after a GC. */
export async function measureOpen(page: Page, traceId: string): Promise<OpenSample> {
  await page.goto(BLANK);
  await page.goto(`/traces/${traceId}`, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => (window as unknown as { __bench: { rowsAt: number | null } }).__bench.rowsAt !== null, undefined, { timeout: 120_000, polling: 100 });
  const open = await page.evaluate(async (quietMs) => {
    const b = (window as unknown as { __bench: { longTaskEnd: number; rowsAt: number } }).__bench;
    const deadline = performance.now() + 60_000;
    // Idle: QUIET_MS without a long task after the rows were painted (bounded wait).
    while (performance.now() < deadline && performance.now() - Math.max(b.rowsAt, b.longTaskEnd) < quietMs) await new Promise((r) => setTimeout(r, 50));
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const data = performance.getEntriesByType('resource').find((e) => /\/api\/traces\/[^/]+\/view$/.test(new URL(e.name).pathname)) as PerformanceResourceTiming | undefined;
    return {
      openMs: Math.max(b.rowsAt, b.longTaskEnd), rowsPaintedMs: b.rowsAt,
      marks: Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('sightline:trace-view:')).map((m) => [m.name.slice('sightline:trace-view:'.length), m.startTime])),
      server: Object.fromEntries((data?.serverTiming ?? []).map((t) => [t.name, t.duration])),
      htmlEndMs: nav?.responseEnd ?? 0, dataStartMs: data?.startTime ?? null, dataEndMs: data?.responseEnd ?? null,
    };
  }, QUIET_MS);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { ...open, heapMb: usedSize / 1024 / 1024 };
}

/** Scrolls the waterfall `frames` frames of `pxPerFrame` each and measures frame-to-frame times with requestAnimationFrame. */
export async function measureScroll(page: Page, frames = 240, pxPerFrame = 96): Promise<ScrollSample> {
  return page.evaluate(
    async ({ frames, pxPerFrame }) => {
      const el = document.querySelector('[role="tree"]');
      if (!(el instanceof HTMLElement)) throw new Error('no waterfall');
      el.scrollTop = 0;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const times: number[] = [];
      let last = await new Promise<number>((r) => requestAnimationFrame(r));
      for (let i = 0; i < frames; i++) {
        el.scrollTop += pxPerFrame;
        const now = await new Promise<number>((r) => requestAnimationFrame(r));
        times.push(now - last);
        last = now;
        if (el.scrollTop + el.clientHeight >= el.scrollHeight) el.scrollTop = 0; // wrap: keep drawing new rows
      }
      const sorted = [...times].sort((a, b) => a - b);
      return { medianFrameMs: sorted[Math.floor(sorted.length / 2)]!, maxFrameMs: sorted[sorted.length - 1]!, frames: times.length };
    },
    { frames, pxPerFrame },
  );
}
