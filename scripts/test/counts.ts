import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

export interface Counts {
  passed: number;
  failed: number;
  /** Tests that failed once and passed on retry (counted as passed, reported separately). */
  flaky?: number;
}

const VitestJson = z.object({ numPassedTests: z.number(), numFailedTests: z.number() });
const PlaywrightJson = z.object({ stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number() }) });

/** Reads pass/fail counts from vitest's JSON report; undefined when the run wrote none. */
export function countVitest(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const r = VitestJson.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return r.success ? { passed: r.data.numPassedTests, failed: r.data.numFailedTests } : undefined;
}

/** Reads pass/fail counts from Playwright's JSON report; tests that passed only on retry are flaky. */
export function countPlaywright(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const r = PlaywrightJson.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return r.success ? { passed: r.data.stats.expected + r.data.stats.flaky, failed: r.data.stats.unexpected, flaky: r.data.stats.flaky } : undefined;
}
