import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDriver } from './driver';
import { migrateDatabase } from './migrate';

describe('openDriver on SQLite', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'sightline-driver-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('keeps temporary sort B-trees in memory (temp_store = MEMORY, 2), not in a file per statement', async () => {
    const url = `file:${path.join(tmp, 'temp-store.db')}`;
    await migrateDatabase(url);
    const conn = openDriver(url, { maxConnections: 1 });
    try {
      const read = conn.prepare('temp_store', { sqlite: 'PRAGMA temp_store', postgres: 'SELECT 1' });
      expect(await read([])).toEqual([{ temp_store: 2 }]);
    } finally {
      await conn.close();
    }
  });
});
