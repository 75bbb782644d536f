import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FOLDER_CHECK_INTERVAL_MS, getDashboard, loadDefinitions } from './load';
import { KNOWN_SLO, minimalDashboard } from './__fixtures__/minimal';

let dir: string;
const write = (name: string, value: unknown, mtime?: number) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  if (mtime !== undefined) utimesSync(file, mtime, mtime);
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sightline-dashboards-'));
  mkdirSync(path.join(dir, 'slos'));
  write('case.json', minimalDashboard());
  write('other.json', { ...minimalDashboard(), slug: 'other', title: 'Other' });
  write('slos/known.json', KNOWN_SLO);
  write('schema.json', '{"not": "a dashboard"}');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDefinitions', () => {
  it('loads every dashboard and SLO, skipping the JSON Schema', () => {
    const loaded = loadDefinitions(dir);
    expect(loaded.dashboards.map((d) => d.slug)).toEqual(['case', 'other']);
    expect(loaded.slos.map((s) => s.id)).toEqual(['known']);
    expect(loaded.errors).toEqual([]);
    expect(getDashboard('other', dir)?.time.timezone).toBe('UTC');
    expect(getDashboard('missing', dir)).toBeNull();
  });

  it('reports a broken file with its path, pointer and position, and keeps the others', () => {
    const broken = minimalDashboard();
    (broken.rows[0]!.panels[0] as { unit: string }).unit = 'furlongs';
    write('broken.json', { ...broken, slug: 'broken' });
    write('syntax.json', '{ "slug": "x", }');
    const loaded = loadDefinitions(dir);
    expect(loaded.dashboards.map((d) => d.slug)).toEqual(['case', 'other']);
    expect(loaded.errors).toEqual([
      expect.objectContaining({ file: 'broken.json', pointer: '/rows/0/panels/0/unit', line: expect.any(Number), message: expect.stringContaining('"unit"') }),
      expect.objectContaining({ file: 'syntax.json', pointer: '', line: 1, column: 16, message: expect.stringContaining('invalid JSON') }),
    ]);
  });

  it('shows an edit once the folder is looked at again, within a second, and reuses the result while nothing changed', () => {
    const t0 = Date.now();
    const first = loadDefinitions(dir, t0);
    write('case.json', { ...minimalDashboard(), title: 'Edited' }, t0 / 1000 + 5);
    expect(loadDefinitions(dir, t0 + FOLDER_CHECK_INTERVAL_MS - 1)).toBe(first); // not looked at yet
    const edited = loadDefinitions(dir, t0 + FOLDER_CHECK_INTERVAL_MS);
    expect(edited.dashboards.find((d) => d.slug === 'case')?.title).toBe('Edited');
    expect(loadDefinitions(dir, t0 + 5 * FOLDER_CHECK_INTERVAL_MS)).toBe(edited); // looked at again, nothing changed
    expect(getDashboard('case', dir)?.title).toBe('Edited');
  });

  it('shows an edit at once when the file system reports it, before the interval is over', async () => {
    const t0 = Date.now();
    loadDefinitions(dir, t0);
    write('case.json', { ...minimalDashboard(), title: 'Watched' }, t0 / 1000 + 5);
    await vi.waitFor(() => expect(loadDefinitions(dir, t0 + 1).dashboards.find((d) => d.slug === 'case')?.title).toBe('Watched'));
  });

  it('sees a new file and a file that broke at the next look', () => {
    const t0 = Date.now();
    loadDefinitions(dir, t0);
    write('third.json', { ...minimalDashboard(), slug: 'third', title: 'Third' });
    write('other.json', '{ "slug": "other", ');
    const later = loadDefinitions(dir, t0 + FOLDER_CHECK_INTERVAL_MS);
    expect(later.dashboards.map((d) => d.slug)).toEqual(['case', 'third']);
    expect(later.errors.map((e) => e.file)).toEqual(['other.json']);
  });

  it('keeps the first of two dashboards with the same slug and reports the second', () => {
    write('z-dup.json', { ...minimalDashboard(), title: 'Duplicate' });
    const loaded = loadDefinitions(dir);
    expect(getDashboard('case', dir)?.title).toBe('Case');
    expect(loaded.errors.map((e) => `${e.file} ${e.message}`)).toEqual(['z-dup.json slug "case" is used by another dashboard; this file is ignored']);
  });
});
