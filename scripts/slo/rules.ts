/**
 * Generates Prometheus rules and promtool tests from the SLO definitions.
 *
 *   npm run slo:rules -- --out <dir> [--tests-out <dir>] [--time-scale N] [--public-url URL] [--slos <dir>] [--check] [--prometheus URL]
 *
 * Writes <out>/<slo-id>.yml and <tests-out>/<slo-id>.test.yml (tests-out defaults to the folder
 * `rules-tests` beside <out>). --time-scale divides every window by N for compressed-timeline tests;
 * never use it for the checked-in files. --check writes nothing and exits 1 when the files on disk
 * differ from what would be generated. --prometheus asks that Prometheus for the `le` values of every
 * latency SLI's histogram and warns when the threshold is none of them (the SLI would have no data).
 * An SLO whose alert policy is unsound (an alert that could never fire) fails with its place in the file.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fetchPromData } from '../../lib/dashboards/lint-online';
import { PromLabelNames } from '../../lib/datasources/prometheus/schemas';
import { checkThresholdBucket } from '../../lib/slo/promql';
import { buildSloRules, GENERATED_MARKER, renderRuleFile } from '../../lib/slo/rules';
import { renderRuleTestFile } from '../../lib/slo/rule-tests';
import { SloSchema, type Slo } from '../../lib/slo/schema';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    'tests-out': { type: 'string' },
    'time-scale': { type: 'string', default: '1' },
    'public-url': { type: 'string', default: 'http://localhost:3000' },
    slos: { type: 'string', default: 'dashboards/slos' },
    check: { type: 'boolean', default: false },
    prometheus: { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`slo:rules: ${message}\n`);
  process.exit(1);
}

async function loadSlos(dir: string): Promise<{ slo: Slo; file: string }[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const out: { slo: Slo; file: string }[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const parsed = SloSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success) fail(`${file}: ${parsed.error.issues.map((i) => `/${i.path.join('/')}: ${i.message}`).join('; ')}`);
    if (`${parsed.data.id}.json` !== name) fail(`${file}: id "${parsed.data.id}" must match the file name`);
    out.push({ slo: parsed.data, file });
  }
  return out;
}

/** Warns on stderr for every latency SLO whose threshold is no bucket boundary Prometheus has seen in the last day. */
async function warnOnMissingBuckets(slos: { slo: Slo; file: string }[], baseUrl: string): Promise<void> {
  const base = baseUrl.replace(/\/+$/, '');
  const start = String(Math.floor(Date.now() / 1000) - 86_400);
  const fetchWithTimeout = (url: string) => fetch(url, { signal: AbortSignal.timeout(15_000) });
  for (const { slo, file } of slos) {
    if (slo.sli.type !== 'latency') continue;
    const url = `${base}/api/v1/label/le/values?${new URLSearchParams({ 'match[]': `${slo.sli.metric}_bucket{${slo.sli.selector}}`, start })}`;
    let leValues: string[];
    try {
      leValues = PromLabelNames.parse(await fetchPromData(fetchWithTimeout, url));
    } catch (e) {
      fail(`the bucket check of ${file} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const problem = checkThresholdBucket(slo.sli, leValues);
    if (problem) process.stderr.write(`slo:rules: warning: ${file}: /sli/thresholdSeconds: ${problem}\n`);
  }
}

async function readIfExists(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch((e: unknown) => {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return null;
    throw e;
  });
}

async function listGenerated(dir: string, suffix: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const owned: string[] = [];
  for (const name of names.filter((n) => n.endsWith(suffix))) {
    if ((await readIfExists(path.join(dir, name)))?.includes(GENERATED_MARKER)) owned.push(path.join(dir, name));
  }
  return owned;
}

async function main(): Promise<void> {
  if (!values.out) fail('--out <dir> is required');
  const timeScale = Number(values['time-scale']);
  if (!Number.isFinite(timeScale) || timeScale < 1) fail('--time-scale must be a number >= 1');
  const outDir = path.resolve(values.out);
  const testsDir = path.resolve(values['tests-out'] ?? path.join(outDir, '..', 'rules-tests'));
  const files = new Map<string, string>();
  const slos = await loadSlos(values.slos ?? 'dashboards/slos');
  if (values.prometheus) await warnOnMissingBuckets(slos, values.prometheus);
  for (const { slo, file } of slos) {
    const rules = buildSloRules(slo, { publicUrl: values['public-url'] ?? 'http://localhost:3000', timeScale });
    const ruleFile = path.join(outDir, `${slo.id}.yml`);
    const source = path.relative(process.cwd(), file).split(path.sep).join('/');
    files.set(ruleFile, renderRuleFile(rules, source));
    const relative = path.relative(testsDir, ruleFile).split(path.sep).join('/');
    files.set(path.join(testsDir, `${slo.id}.test.yml`), renderRuleTestFile(rules, relative));
  }
  if (values.check) {
    const stale = [...(await listGenerated(outDir, '.yml')), ...(await listGenerated(testsDir, '.test.yml'))].filter((f) => !files.has(f));
    const differing: string[] = [];
    for (const [file, text] of files) if ((await readIfExists(file)) !== text) differing.push(file);
    if (differing.length || stale.length) {
      fail(
        [...differing.map((f) => `out of date: ${path.relative(process.cwd(), f)}`), ...stale.map((f) => `no longer generated: ${path.relative(process.cwd(), f)}`)].join('\n') +
          '\nrun: npm run slo:rules -- --out scripts/backends/prometheus/rules',
      );
    }
    process.stdout.write(`slo:rules: ${files.size} files up to date\n`);
    return;
  }
  await mkdir(outDir, { recursive: true });
  await mkdir(testsDir, { recursive: true });
  for (const [file, text] of files) await writeFile(file, text);
  process.stdout.write(`slo:rules: wrote ${files.size} files to ${path.relative(process.cwd(), outDir) || '.'} and ${path.relative(process.cwd(), testsDir)}\n`);
}

main().catch((e: unknown) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e)));
