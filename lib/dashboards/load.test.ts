import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDashboard, loadDefinitions } from './load';
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

  it('shows an edit on the next load and reuses the result while nothing changed', () => {
    const first = loadDefinitions(dir);
    expect(loadDefinitions(dir)).toBe(first);
    write('case.json', { ...minimalDashboard(), title: 'Edited' }, Date.now() / 1000 + 5);
    expect(getDashboard('case', dir)?.title).toBe('Edited');
  });

  it('keeps the first of two dashboards with the same slug and reports the second', () => {
    write('z-dup.json', { ...minimalDashboard(), title: 'Duplicate' });
    const loaded = loadDefinitions(dir);
    expect(getDashboard('case', dir)?.title).toBe('Case');
    expect(loaded.errors.map((e) => `${e.file} ${e.message}`)).toEqual(['z-dup.json slug "case" is used by another dashboard; this file is ignored']);
  });
});
