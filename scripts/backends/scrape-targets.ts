import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The scrape jobs prometheus.yml reads from file_sd (contract: job="shop" and job="sightline"). */
export const SCRAPE_JOBS = ['shop', 'sightline'] as const;
/** One of SCRAPE_JOBS. */
export type ScrapeJob = (typeof SCRAPE_JOBS)[number];

/** A group of targets sharing labels, a metrics path and (job sightline only) a bearer token. */
export const ScrapeTargetGroupSchema = z.object({
  targets: z.array(z.string().regex(/^[^/\s]+:\d+$/, 'host:port')),
  labels: z.record(z.string(), z.string()).optional(),
  metricsPath: z.string().startsWith('/').optional(),
  bearerToken: z.string().min(1).optional(),
});
/** Input of writeScrapeTargets. */
export type ScrapeTargetGroup = z.infer<typeof ScrapeTargetGroupSchema>;

/** Where Prometheus' file_sd reads the targets of a job. */
export function scrapeTargetsFile(dataDir: string, job: ScrapeJob): string {
  return path.join(path.resolve(dataDir), 'prometheus', 'sd', `${job}.json`);
}

/** Where the job's bearer token lives (prometheus.yml: authorization.credentials_file; only job sightline uses it). */
export function scrapeTokenFile(dataDir: string, job: ScrapeJob): string {
  return path.join(path.resolve(dataDir), 'prometheus', 'sd', `${job}.token`);
}

function writeAtomically(file: string, content: string, mode: number): void {
  // Prometheus watches these files; a rename makes it see either the old or the new content, never half.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, file);
}

/** Creates empty target lists and an empty token file so Prometheus starts without file errors. */
export function ensureScrapeFiles(dataDir: string): void {
  for (const job of SCRAPE_JOBS) {
    mkdirSync(path.dirname(scrapeTargetsFile(dataDir, job)), { recursive: true });
    if (!existsSync(scrapeTargetsFile(dataDir, job))) writeAtomically(scrapeTargetsFile(dataDir, job), '[]\n', 0o644);
  }
  if (!existsSync(scrapeTokenFile(dataDir, 'sightline'))) writeAtomically(scrapeTokenFile(dataDir, 'sightline'), '', 0o600);
}

/**
 * Replaces the scrape targets of `job` (Prometheus file_sd JSON; picked up within 5 s, no restart).
 * metricsPath becomes the `__metrics_path__` label; the bearer token goes to the job's token file.
 */
export function writeScrapeTargets(dataDir: string, job: string, groups: ScrapeTargetGroup[]): void {
  if (!SCRAPE_JOBS.includes(job as ScrapeJob)) throw new Error(`writeScrapeTargets: unknown job "${job}"; prometheus.yml defines ${SCRAPE_JOBS.join(', ')}`);
  const scrapeJob = job as ScrapeJob; // checked just above
  const parsed = z.array(ScrapeTargetGroupSchema).parse(groups);
  const tokens = [...new Set(parsed.flatMap((g) => (g.bearerToken ? [g.bearerToken] : [])))];
  if (tokens.length > 0 && scrapeJob !== 'sightline') throw new Error(`writeScrapeTargets: job "${job}" is scraped without authorization; only job "sightline" takes a bearer token`);
  if (tokens.length > 1) throw new Error(`writeScrapeTargets: job "${job}" reads one token file; got ${tokens.length} different bearer tokens`);
  const fileSd = parsed.map((g) => ({
    targets: g.targets,
    labels: { ...g.labels, ...(g.metricsPath ? { __metrics_path__: g.metricsPath } : {}) },
  }));
  ensureScrapeFiles(dataDir);
  if (tokens[0]) writeAtomically(scrapeTokenFile(dataDir, scrapeJob), tokens[0], 0o600);
  writeAtomically(scrapeTargetsFile(dataDir, scrapeJob), `${JSON.stringify(fileSd, null, 2)}\n`, 0o644);
}
