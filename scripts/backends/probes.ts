import pg from 'pg';

/** True when GET url answers 2xx within timeoutMs (connection refused or timeout count as not ready). */
export async function isHttpOk(url: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer(); // drain so the socket is released
    return response.ok;
  } catch {
    return false;
  }
}

/** True when PostgreSQL at connectionString accepts a connection and answers `select 1`. */
export async function isPostgresReady(connectionString: string, timeoutMs = 2_000): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
