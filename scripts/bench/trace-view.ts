/**
 * `npm run bench:traces`: how fast a trace opens and scrolls in Sightline's trace view.
 *
 * Pushes generated traces of 1,000, 10,000 and 50,000 spans into a real Jaeger (started here on
 * free loopback ports, or JAEGER_URL + JAEGER_OTLP_URL [+ JAEGER_GRPC_URL] of a running one), builds
 * a private copy of the app (`--source head|worktree`, default worktree) or uses BENCH_APP_URL's
 * running one (demo users seeded). After one unmeasured open per size (it warms the server's JIT),
 * for each size, with a freshly pushed trace per run so that every open is cold for the BFF and
 * Jaeger (and each a full page load in a fresh renderer, in one already-open tab: see
 * openBenchTab), it prints the median over `--runs` (default 3) of: navigation start → waterfall
 * rows painted and the page idle, JS heap after a GC, and frame times while scrolling the waterfall; then
 * the 50k/1k open-time ratio, each against PERFORMANCE.md's targets. Each run's line shows the
 * page's own marks and the view's Server-Timing phases.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { callServerStream } from '@/lib/datasources/jaeger/grpc';
import { encodeGetTraceRequest } from '@/lib/datasources/jaeger/otlp-proto';
import { freePort, startBackends, type RunningBackends } from '../backends/index';
import { median } from './bff-common';
import { generateSyntheticTrace, pushTrace } from './gen-trace';
import { buildBenchApp, startBenchApp, type BenchApp } from './trace-view-app';
import { measureOpen, measureScroll, openBenchTab, openSignedInBrowser, type OpenSample, type ScrollSample } from './trace-view-browser';

/** Jaeger UI on this machine class (PERFORMANCE.md): open time (s) and heap (MB) per size. */
const JAEGER_UI = { 1000: { openS: 1.31, heapMb: 41 }, 10000: { openS: 1.48, heapMb: 51 }, 50000: { openS: 2.16, heapMb: 122 } } as const;
type Size = keyof typeof JAEGER_UI;
const SIZES: Size[] = [1000, 10000, 50000];
const MAX_FRAME_MS = 100;

const say = (l: string) => process.stderr.write(`bench: ${l}\n`);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, source: { type: 'string', default: 'worktree' }, dir: { type: 'string' } } });
const runs = Math.max(1, Math.min(10, Number(values.runs) || 3));
// Benchmark tooling, not the app: it reads its own environment.
const external = { jaeger: process.env.JAEGER_URL, otlp: process.env.JAEGER_OTLP_URL, grpc: process.env.JAEGER_GRPC_URL, app: process.env.BENCH_APP_URL };

/** Waits until Jaeger serves the whole trace (ingestion is asynchronous); bounded. */
async function waitForTrace(jaegerUrl: string, traceId: string, spans: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const got = await fetch(`${jaegerUrl}/api/traces/${traceId}`, { signal: AbortSignal.timeout(30_000) })
      .then((r) => (r.ok ? (r.json() as Promise<{ data: { spans: unknown[] }[] }>) : null))
      .catch(() => null);
    if (got?.data[0]?.spans.length === spans) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Jaeger did not serve all ${spans} spans of ${traceId} within 120 s`);
}

const fmt = (n: number, d = 0) => n.toFixed(d);
const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');

async function main(): Promise<void> {
  let backends: RunningBackends | undefined;
  let app: BenchApp | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  try {
    let jaegerUrl = external.jaeger;
    let otlpUrl = external.otlp;
    let grpcUrl = external.grpc;
    let lokiUrl = process.env.LOKI_URL;
    if (!jaegerUrl || !otlpUrl) {
      const ports = { jaegerQuery: await freePort(), jaegerOtlpHttp: await freePort(), jaegerOtlpGrpc: await freePort(), loki: await freePort(), lokiGrpc: await freePort() };
      backends = await startBackends({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-traces-')), fresh: true, only: ['jaeger', 'loki'], ports, log: say });
      ({ jaeger: jaegerUrl, jaegerOtlpHttp: otlpUrl, jaegerGrpc: grpcUrl, loki: lokiUrl } = backends.urls);
    }
    // A fresh trace per size and run: every measured open is cold for the BFF, whose short-lived
    // trace-view cache would otherwise answer runs 2 and 3 from memory. Plus one trace per size to
    // warm up with, unmeasured: a server that has been running has its routes loaded and its
    // decoding code compiled by the JIT; the first big trace after a start is slower (see the note).
    const traces = new Map<string, string>();
    for (const [key, size, seed] of [...SIZES.map((size) => [`warm/${size}`, size, size + 1] as const), ...Array.from({ length: runs }, (_, run) => SIZES.map((size) => [`${size}/${run}`, size, size * 100 + run] as const)).flat()]) {
      const trace = generateSyntheticTrace({ spanCount: size, seed });
      await pushTrace(trace, otlpUrl);
      await waitForTrace(jaegerUrl, trace.traceId, size);
      traces.set(key, trace.traceId);
      say(`pushed ${size} spans as trace ${trace.traceId}`);
    }
    if (external.app) app = { url: external.app, stop: async () => {} };
    else {
      const dir = values.dir ?? path.join(os.tmpdir(), 'sightline-bench-traces-app');
      buildBenchApp(dir, values.source === 'head' ? 'head' : 'worktree', say);
      app = await startBenchApp(dir, await freePort(), { JAEGER_URL: jaegerUrl, ...(grpcUrl ? { JAEGER_GRPC_URL: grpcUrl } : {}), ...(lokiUrl ? { LOKI_URL: lokiUrl } : {}) }, say);
    }
    const { browser, context } = await openSignedInBrowser(app.url);
    closeBrowser = () => browser.close();

    const results = new Map<Size, { open: OpenSample[]; scroll: ScrollSample[] }>();
    const tab = await openBenchTab(context);
    for (const size of SIZES) await measureOpen(tab, traces.get(`warm/${size}`)!);
    for (let run = 0; run < runs; run++) {
      for (const size of SIZES) {
        const sample = await measureOpen(tab, traces.get(`${size}/${run}`)!);
        const scroll = await measureScroll(tab);
        const r = results.get(size) ?? { open: [], scroll: [] };
        r.open.push(sample);
        r.scroll.push(scroll);
        results.set(size, r);
        say(`run ${run + 1}/${runs} ${size} spans: open ${fmt(sample.openMs)} ms (rows ${fmt(sample.rowsPaintedMs)} ms; html done ${fmt(sample.htmlEndMs)}, data ${sample.dataStartMs === null ? '-' : `${fmt(sample.dataStartMs)}→${fmt(sample.dataEndMs ?? 0)}`}, ${Object.entries(sample.marks).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')} ms; server ${Object.entries(sample.server).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')} ms), heap ${fmt(sample.heapMb, 1)} MB, scroll median ${fmt(scroll.medianFrameMs, 1)} ms max ${fmt(scroll.maxFrameMs, 1)} ms`);
      }
    }

    // For orientation: what Jaeger alone takes to serve each size, read in full, which no view can
    // beat: the same call the trace view makes (gRPC GetTrace when JAEGER_GRPC_URL is known, else
    // GET /api/v3/traces/{id}), raw as lib/traces/load-trace-view.ts asks.
    const jaegerMs = new Map<Size, number>();
    for (const size of SIZES) {
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        const id = traces.get(`${size}/${run}`)!;
        const t0 = performance.now();
        if (grpcUrl) await callServerStream({ url: grpcUrl, path: '/jaeger.api_v3.QueryService/GetTrace', message: encodeGetTraceRequest(id, true), timeoutMs: 60_000 });
        else await fetch(`${jaegerUrl}/api/v3/traces/${id}?raw_traces=true`, { signal: AbortSignal.timeout(60_000) }).then((r) => r.text());
        times.push(performance.now() - t0);
      }
      jaegerMs.set(size, median(times));
    }

    console.log(`\nTrace view, Chromium 1600×1000, median of ${runs} runs (app ${app.url}):`);
    console.log('spans   open (ms)  target    rows painted  heap (MB)  target   scroll median  scroll max  target');
    const openMedian = new Map<Size, number>();
    for (const size of SIZES) {
      const r = results.get(size)!;
      const open = median(r.open.map((s) => s.openMs));
      openMedian.set(size, open);
      const heap = median(r.open.map((s) => s.heapMb));
      const scrollMedian = median(r.scroll.map((s) => s.medianFrameMs));
      const scrollMax = Math.max(...r.scroll.map((s) => s.maxFrameMs));
      const ref = JAEGER_UI[size];
      console.log(
        `${String(size).padEnd(7)} ${fmt(open).padStart(9)}  ≤${fmt((ref.openS * 1000) / 2)} ${verdict(open <= (ref.openS * 1000) / 2).padEnd(6)} ${fmt(median(r.open.map((s) => s.rowsPaintedMs))).padStart(8)}     ` +
          `${fmt(heap, 1).padStart(8)}  ≤${ref.heapMb} ${verdict(heap <= ref.heapMb).padEnd(6)} ${fmt(scrollMedian, 1).padStart(9)}      ${fmt(scrollMax, 1).padStart(9)}  ≤${MAX_FRAME_MS} ${verdict(scrollMax <= MAX_FRAME_MS)}`,
      );
    }
    console.log(`Jaeger alone, ${grpcUrl ? 'gRPC GetTrace' : 'GET /api/v3/traces/{id}'} (raw) read in full: ${SIZES.map((size) => `${size} spans ${fmt(jaegerMs.get(size)!)} ms`).join(', ')}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const ratio = openMedian.get(50000)! / openMedian.get(1000)!;
    console.log(`open time 50k/1k: ${ratio.toFixed(2)}× for 50× the spans (Jaeger UI: ${(JAEGER_UI[50000].openS / JAEGER_UI[1000].openS).toFixed(2)}×)`);
  } finally {
    await closeBrowser?.().catch(() => {});
    await app?.stop();
    await backends?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
