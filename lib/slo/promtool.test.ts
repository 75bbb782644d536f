import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderRuleTestFile } from './rule-tests';
import { buildSloRules, renderRuleFile } from './rules';
import { SloSchema } from './schema';

const run = promisify(execFile);
const PROMTOOL = '/usr/bin/promtool';
const ROOT = path.resolve(import.meta.dirname, '../..');
const RULES = path.join(ROOT, 'scripts/backends/prometheus/rules');
const TESTS = path.join(ROOT, 'scripts/backends/prometheus/rules-tests');
const SLOS = path.join(ROOT, 'dashboards/slos');

async function promtool(...args: string[]): Promise<{ ok: boolean; output: string }> {
  if (!existsSync(PROMTOOL)) throw new Error(`${PROMTOOL} not found: install Debian's prometheus package (apt-get install prometheus)`);
  try {
    const { stdout, stderr } = await run(PROMTOOL, args, { timeout: 240_000 });
    return { ok: true, output: stdout + stderr };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number }; // execFile rejects with the process's output attached
    if (typeof err.code !== 'number') throw e;
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

const sloIds = async (): Promise<string[]> => (await readdir(SLOS)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
/** Every checked-in file of a folder with that ending: the generated SLO files and the hand-written ones (sightline.yml). */
const filesIn = async (dir: string, suffix: string): Promise<string[]> => (await readdir(dir)).filter((f) => f.endsWith(suffix)).sort().map((f) => path.join(dir, f));

describe('checked-in Prometheus rules', () => {
  it('exist for every SLO and match what the definitions generate', async () => {
    for (const id of await sloIds()) {
      const slo = SloSchema.parse(JSON.parse(await readFile(path.join(SLOS, `${id}.json`), 'utf8')));
      const rules = buildSloRules(slo, { publicUrl: 'http://localhost:3000' });
      const expected = renderRuleFile(rules, `dashboards/slos/${id}.json`);
      expect(await readFile(path.join(RULES, `${id}.yml`), 'utf8'), `${id}.yml is stale: npm run slo:rules -- --out scripts/backends/prometheus/rules`).toBe(expected);
      expect(await readFile(path.join(TESTS, `${id}.test.yml`), 'utf8')).toBe(renderRuleTestFile(rules, `../rules/${id}.yml`));
    }
  });

  it('pass promtool check rules', async () => {
    const files = await filesIn(RULES, '.yml');
    expect(files).toContain(path.join(RULES, 'sightline.yml'));
    const { ok, output } = await promtool('check', 'rules', ...files);
    expect(output).not.toMatch(/FAILED/);
    expect(ok, output).toBe(true);
  });

  it('fire and stay quiet exactly as their promtool unit tests require', { timeout: 300_000 }, async () => {
    const files = await filesIn(TESTS, '.test.yml');
    expect(files).toHaveLength((await filesIn(RULES, '.yml')).length);
    const results = await Promise.all(files.map((f) => promtool('test', 'rules', f)));
    for (const [i, { ok, output }] of results.entries()) expect(ok, `${files[i]}\n${output}`).toBe(true);
  });
});

describe('the generated promtool tests', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('catch an alert that no longer requires both windows', { timeout: 120_000 }, async () => {
    // A fast policy keeps this cheap; the mutation turns `and` into `or`, so the one-window scenarios fire.
    const slo = SloSchema.parse({
      ...JSON.parse(await readFile(path.join(SLOS, 'payment-availability.json'), 'utf8')),
      alerting: [{ severity: 'page', longWindow: '1h', shortWindow: '5m', burnRate: 14.4 }],
    });
    const rules = buildSloRules(slo, { publicUrl: 'http://localhost:3000' });
    const dir = await mkdtemp(path.join(tmpdir(), 'slo-promtool-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'rules.yml'), renderRuleFile(rules, 'test').replace(' and slo:', ' or slo:'));
    await writeFile(path.join(dir, 'rules.test.yml'), renderRuleTestFile(rules, 'rules.yml'));
    const { ok, output } = await promtool('test', 'rules', path.join(dir, 'rules.test.yml'));
    expect(ok).toBe(false);
    expect(output).toContain('PaymentAvailabilityBurnRate1h');
  });
});
