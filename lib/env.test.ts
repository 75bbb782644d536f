import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('accepts an empty environment with the embedded defaults', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe('file:./.data/sightline.db');
    expect(env.PROMETHEUS_URL).toBe('http://127.0.0.1:9090');
    expect(env.OIDC_DEFAULT_ROLE).toBe('viewer');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'Invalid environment: DATABASE_URL must be file:<path> (embedded SQLite) or postgresql://user:pass@host:port/db'],
    [{ DATABASE_URL: 'postgresql://' }, 'Invalid environment: DATABASE_URL must be file:<path>'],
    [{ NODE_ENV: 'production' }, 'Invalid environment: NEXTAUTH_SECRET is required in production'],
    [{ NEXTAUTH_SECRET: 'short' }, 'Invalid environment: NEXTAUTH_SECRET must be at least 32 characters'],
    [{ PROMETHEUS_URL: 'not a url' }, 'Invalid environment: PROMETHEUS_URL'],
    [{ LOKI_HEADERS: 'X-Scope-OrgID tenant' }, 'Invalid environment: LOKI_HEADERS expected "Header-Name: value"'],
    [{ OIDC_ISSUER: 'https://id.example.com' }, 'Invalid environment: OIDC_ISSUER OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together'],
    [{ OIDC_DEFAULT_ROLE: 'root' }, 'Invalid environment: OIDC_DEFAULT_ROLE'],
  ])('rejects %o with one line naming the variable', (raw, message) => {
    expect(() => parseEnv(raw)).toThrow(EnvError);
    try {
      parseEnv(raw);
    } catch (err) {
      expect((err as Error).message).toContain(message);
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('parses extra upstream headers', () => {
    expect(parseEnv({ LOKI_HEADERS: 'X-Scope-OrgID: tenant-a; X-Extra: 1' }).LOKI_HEADERS).toEqual({ 'X-Scope-OrgID': 'tenant-a', 'X-Extra': '1' });
  });

  it('accepts PostgreSQL URLs and a production secret', () => {
    const env = parseEnv({ NODE_ENV: 'production', NEXTAUTH_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/sightline' });
    expect(env.DATABASE_URL).toContain('postgresql://');
  });
});
