import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scrapeTargetsFile, scrapeTokenFile, writeScrapeTargets } from './scrape-targets';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'scrape-targets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeScrapeTargets', () => {
  it('writes file_sd JSON with labels and the metrics path as __metrics_path__', () => {
    writeScrapeTargets(dir, 'shop', [{ targets: ['127.0.0.1:8081', '127.0.0.1:8082'], labels: { team: 'payments' }, metricsPath: '/metrics' }]);
    expect(JSON.parse(readFileSync(scrapeTargetsFile(dir, 'shop'), 'utf8'))).toEqual([
      { targets: ['127.0.0.1:8081', '127.0.0.1:8082'], labels: { team: 'payments', __metrics_path__: '/metrics' } },
    ]);
  });

  it('puts the sightline bearer token in a private file, not in the targets', () => {
    writeScrapeTargets(dir, 'sightline', [{ targets: ['127.0.0.1:3000'], bearerToken: 'secret-token' }]);
    expect(readFileSync(scrapeTokenFile(dir, 'sightline'), 'utf8')).toBe('secret-token');
    expect(statSync(scrapeTokenFile(dir, 'sightline')).mode & 0o077).toBe(0);
    expect(readFileSync(scrapeTargetsFile(dir, 'sightline'), 'utf8')).not.toContain('secret-token');
  });

  it('rejects what prometheus.yml cannot express', () => {
    expect(() => writeScrapeTargets(dir, 'other', [])).toThrow(/unknown job "other"/);
    expect(() => writeScrapeTargets(dir, 'shop', [{ targets: ['127.0.0.1:8081'], bearerToken: 't' }])).toThrow(/without authorization/);
    expect(() => writeScrapeTargets(dir, 'sightline', [{ targets: ['a:1'], bearerToken: 't1' }, { targets: ['b:2'], bearerToken: 't2' }])).toThrow(/one token file/);
    expect(() => writeScrapeTargets(dir, 'shop', [{ targets: ['http://127.0.0.1:8081/metrics'] }])).toThrow();
  });
});
