import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolvePrometheus } from '../backends/binaries';
import { renderOpenMetrics } from './history/openmetrics';
import { DAY_MS, listIncidents, listPastDeployments, type Incident, type PastDeployment } from './history/model';

/**
 * Backfills 30 days of the shop's SLO metrics into a Prometheus data directory with promtool, before
 * Prometheus starts. The history is cut into windows aligned to promtool's block size (54 h), so
 * promtool reads each file twice (time range, then one block); windows before today are cached
 * under ~/.cache/sightline/demo-history keyed by today's date, the step and the scrape instances.
 */

export type { PastDeployment, Incident } from './history/model';
const run = promisify(execFile);
const BLOCK_MS = 54 * 3_600_000; // one of promtool's compatible block ranges (2h x 3^3)
const MODEL_VERSION = 1; // bump when the model changes, to invalidate cached blocks

export interface BackfillOptions {
  /** Prometheus TSDB directory (--storage.tsdb.path). */
  tsdbDir: string;
  /** host:port of each shop service: the `instance` label the live scrapes will use. */
  instances: Record<string, string>;
  days?: number;
  stepSeconds?: number;
  nowMs?: number;
  cacheDir?: string;
  log?: (line: string) => void;
}
export interface BackfillResult { seconds: number; blockBytes: number; blocks: number; cachedWindows: number; renderedWindows: number; deployments: PastDeployment[]; incidents: Incident[] }

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
}

function listBlocks(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => /^[0-9A-Z]{26}$/.test(name)) : [];
}

function hashKey(text: string): string {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16);
}

/** Splits [from, to) at multiples of BLOCK_MS, so that each piece becomes exactly one TSDB block. */
function splitWindows(fromMs: number, toMs: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = fromMs; start < toMs; ) {
    const end = Math.min(toMs, (Math.floor(start / BLOCK_MS) + 1) * BLOCK_MS);
    out.push([start, end]);
    start = end;
  }
  return out;
}

/** Writes the shop's history into tsdbDir; returns timing, size and the past deployments it contains. */
export async function backfillHistory(opts: BackfillOptions): Promise<BackfillResult> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  const stepSeconds = opts.stepSeconds ?? 120;
  const nowMs = opts.nowMs ?? Date.now();
  const anchorMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  // Whole days back from the start of today, so that the cacheable windows do not move during a day.
  const fromMs = anchorMs - (opts.days ?? 30) * DAY_MS;
  const { promtool } = resolvePrometheus();
  const cacheRoot = opts.cacheDir ?? path.join(process.env.SIGHTLINE_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'sightline'), 'demo-history');
  const key = `${new Date(anchorMs).toISOString().slice(0, 10)}-${stepSeconds}s-${hashKey(`${MODEL_VERSION}|${opts.days ?? 30}|${JSON.stringify(opts.instances)}`)}`;
  const cacheDir = path.join(cacheRoot, key);
  const workDir = path.join(os.tmpdir(), `sightline-history-${process.pid}-${Date.now()}`);
  mkdirSync(opts.tsdbDir, { recursive: true });
  mkdirSync(workDir, { recursive: true });
  // Old days' caches are never used again.
  if (existsSync(cacheRoot)) for (const old of readdirSync(cacheRoot)) if (!old.startsWith(key.slice(0, 10))) rmSync(path.join(cacheRoot, old), { recursive: true, force: true });

  const windows = splitWindows(fromMs, anchorMs).map(([s, e]) => ({ s, e, cacheable: true }));
  windows.push(...splitWindows(Math.max(fromMs, anchorMs), nowMs).map(([s, e]) => ({ s, e, cacheable: false })));
  let cachedWindows = 0;
  let renderedWindows = 0;
  let pending: Promise<unknown> = Promise.resolve();
  try {
    for (const w of windows) {
      const windowCache = path.join(cacheDir, String(w.s));
      if (w.cacheable && existsSync(path.join(windowCache, 'done'))) {
        for (const block of listBlocks(windowCache)) cpSync(path.join(windowCache, block), path.join(opts.tsdbDir, block), { recursive: true });
        cachedWindows += 1;
        continue;
      }
      // Render the next window while promtool converts the previous one (two cores).
      const file = path.join(workDir, `${w.s}.om`);
      writeFileSync(file, renderOpenMetrics({ anchorMs, fromMs: w.s, toMs: w.e, stepSeconds, instances: opts.instances }));
      renderedWindows += 1;
      await pending;
      const outDir = w.cacheable ? windowCache : opts.tsdbDir;
      mkdirSync(outDir, { recursive: true });
      pending = run(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=54h', '--quiet', file, outDir], { maxBuffer: 16 << 20 })
        .catch((err: unknown) => {
          throw new Error(`history: promtool failed on ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        })
        .then(() => {
          rmSync(file, { force: true });
          if (!w.cacheable) return;
          writeFileSync(path.join(windowCache, 'done'), '');
          for (const block of listBlocks(windowCache)) cpSync(path.join(windowCache, block), path.join(opts.tsdbDir, block), { recursive: true });
        });
    }
    await pending;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const blocks = listBlocks(opts.tsdbDir);
  const blockBytes = blocks.reduce((sum, b) => sum + dirBytes(path.join(opts.tsdbDir, b)), 0);
  const seconds = (Date.now() - t0) / 1000;
  log(`history: ${opts.days ?? 30} days at ${stepSeconds}s step in ${seconds.toFixed(1)} s: ${blocks.length} blocks, ${(blockBytes / 1e6).toFixed(1)} MB (${cachedWindows} windows from cache, ${renderedWindows} rendered)`);
  return { seconds, blockBytes, blocks: blocks.length, cachedWindows, renderedWindows, deployments: listPastDeployments(anchorMs), incidents: listIncidents(anchorMs) };
}
