import 'server-only';
import { z } from 'zod';
import { parseDuration } from '@/lib/dashboards/time';

/**
 * Every environment variable Sightline reads, validated once. Nothing else reads process.env.
 * A bad or missing value stops the process with one line naming the variable (see instrumentation.ts).
 */

const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const positiveInt = (dflt: number) => z.coerce.number().int().positive().default(dflt);
const bool = (dflt: boolean) =>
  z.preprocess((v) => (v === undefined || v === '' ? dflt : ['1', 'true', 'yes', 'on'].includes(String(v).toLowerCase())), z.boolean());

/** `Name: value` pairs separated by newlines or `;`, e.g. `X-Scope-OrgID: tenant-a`. */
const headerList = z
  .string()
  .default('')
  .transform((s, ctx) => {
    const out: Record<string, string> = {};
    for (const part of s.split(/[;\n]/).map((p) => p.trim()).filter(Boolean)) {
      const i = part.indexOf(':');
      if (i <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected "Header-Name: value", got "${part}"` });
        return z.NEVER;
      }
      out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
    }
    return out;
  });

const databaseUrl = z
  .string()
  .default('file:./.data/sightline.db')
  .refine((s) => /^file:.+/.test(s) || /^postgres(ql)?:\/\/[^/\s]+\/[^\s]*$/.test(s), {
    message: 'must be file:<path> (embedded SQLite) or postgresql://user:pass@host:port/db',
  });

/** A Prometheus duration of whole seconds, at least 1s ("15s", "1m"), as a number of seconds. */
const wholeSeconds = (dflt: string) =>
  z
    .string()
    .default(dflt)
    .transform((s, ctx) => {
      const ms = parseDuration(s.trim());
      if (ms === null || ms < 1000 || ms % 1000 !== 0) {
        ctx.addIssue({ code: 'custom', message: `must be a duration of whole seconds such as "15s" or "1m", got "${s}"` });
        return z.NEVER;
      }
      return ms / 1000;
    });

const roles = ['viewer', 'operator', 'developer', 'admin'] as const;

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'must be at least 32 characters').optional()),
    NEXTAUTH_URL: optionalUrl,
    SESSION_MAX_AGE_SECONDS: positiveInt(8 * 3600),
    AUTH_CREDENTIALS_ENABLED: bool(true),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_DISPLAY_NAME: z.string().default('Single sign-on'),
    OIDC_ROLE_CLAIM: z.string().default('sightline_role'),
    OIDC_DEFAULT_ROLE: z.enum(roles).default('viewer'),

    PROMETHEUS_URL: z.url().default('http://127.0.0.1:9090'),
    PROMETHEUS_AUTH: z.string().optional(),
    PROMETHEUS_HEADERS: headerList,
    PROMETHEUS_TIMEOUT_MS: positiveInt(10_000),
    /** How often Prometheus scrapes the targets dashboards read (seconds): the floor of $__rate_interval. */
    PROMETHEUS_SCRAPE_INTERVAL: wholeSeconds('15s'),
    ALERTMANAGER_URL: z.url().default('http://127.0.0.1:9093'),
    ALERTMANAGER_AUTH: z.string().optional(),
    ALERTMANAGER_HEADERS: headerList,
    ALERTMANAGER_TIMEOUT_MS: positiveInt(5_000),
    JAEGER_URL: z.url().default('http://127.0.0.1:16686'),
    JAEGER_AUTH: z.string().optional(),
    JAEGER_HEADERS: headerList,
    JAEGER_TIMEOUT_MS: positiveInt(15_000),
    /**
     * Jaeger's query gRPC endpoint (API v3, default port 16685), e.g. http://127.0.0.1:16685. When
     * set, the trace view reads whole traces over it as protobuf: at 50,000 spans a third of the
     * bytes of OTLP JSON and several times cheaper to decode. Unset: the HTTP API v3 (JSON) is used.
     */
    JAEGER_GRPC_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional()),
    LOKI_URL: z.url().default('http://127.0.0.1:3100'),
    LOKI_AUTH: z.string().optional(),
    LOKI_HEADERS: headerList,
    LOKI_TIMEOUT_MS: positiveInt(15_000),
    /** Loki's `max_entries_limit_per_query` (its default 5000): log queries asking for more are paged by time in requests of this size. */
    LOKI_MAX_ENTRIES: positiveInt(5_000),

    DATASOURCE_RETRY_ATTEMPTS: positiveInt(3),
    DATASOURCE_RETRY_BUDGET_MS: positiveInt(5_000),
    DATASOURCE_BREAKER_FAILURE_RATE: z.coerce.number().gt(0).lte(1).default(0.5),
    DATASOURCE_BREAKER_MIN_REQUESTS: positiveInt(5),
    DATASOURCE_BREAKER_WINDOW_MS: positiveInt(30_000),
    DATASOURCE_BREAKER_OPEN_MS: positiveInt(10_000),
    DATASOURCE_MAX_CONCURRENT: positiveInt(16),
    DATASOURCE_MAX_QUEUE: positiveInt(200),
    DATASOURCE_QUEUE_TIMEOUT_MS: positiveInt(5_000),
    PANEL_CACHE_TTL_MS: z.coerce.number().int().nonnegative().default(15_000),
    /** The most bytes Sightline reads of one upstream answer (64 MiB): a query asking for more fails with UPSTREAM_TOO_LARGE instead of filling memory. */
    DATASOURCE_MAX_RESPONSE_BYTES: positiveInt(64 * 1024 * 1024),

    /** Sightline runs behind a reverse proxy whose X-Forwarded-* headers it may believe (lib/server/client-address.ts). */
    TRUST_PROXY: bool(false),
    DASHBOARDS_DIR: z.string().default('dashboards'),
    PUBLIC_URL: z.url().default('http://localhost:3000'),
    CORRELATION_ID_ATTRIBUTE: z.string().default('correlation_id'),
    CORRELATION_ID_LOG_FIELD: z.string().default('correlation_id'),
    LOKI_TRACE_QUERY_TEMPLATE: z.string().default('{service_name=~".+"} | trace_id="${traceId}"'),
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    /** Where Sightline sends its own log records over OTLP/HTTP, used as is (Loki: http://loki:3100/otlp/v1/logs); unset: stdout only. */
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: optionalUrl,
    OTEL_SERVICE_NAME: z.string().default('sightline'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['NEXTAUTH_SECRET'], message: 'is required in production (at least 32 random characters, e.g. `openssl rand -base64 32`)' });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;
export type Role = (typeof roles)[number];
export const ROLES = roles;

/** `value` when it names a role, else `fallback`. */
export function toRole(value: unknown, fallback: Role): Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value) ? (value as Role) : fallback;
}

/** Thrown by parseEnv; its message is the single line printed before the process stops. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Validates a raw environment; throws EnvError naming the first bad variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path.join('.') || 'environment';
  throw new EnvError(`Invalid environment: ${name} ${issue?.message ?? 'is invalid'}`);
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Development fallback secret: sessions survive restarts locally, never used in production. */
export function authSecret(): string {
  return env().NEXTAUTH_SECRET ?? 'sightline-development-secret-not-for-production-use';
}
