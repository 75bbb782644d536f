import { randomBytes } from 'node:crypto';
import type { Trace } from '../../lib/datasources/types';
import { generateSyntheticTrace, pushTrace } from '../../scripts/bench/gen-trace';

/** Test-run backends started by scripts/test/run.ts. */
const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run through \`npx tsx scripts/test/run.ts --only e2e\``);
  return v;
};

/** A suffix that keeps this test's services apart from every other test's. */
export const uniqueSuffix = () => `e2e${randomBytes(3).toString('hex')}`;

/** Options of pushUniqueTrace: `errors` forces no error span or exactly one (the last span); `seed` varies the trace. */
export interface PushTraceOptions {
  errors?: 'none' | 'one';
  seed?: number;
}

/** Generates a small trace whose services all end in `-<suffix>`, pushes it to Jaeger and waits until Jaeger serves it. */
export async function pushUniqueTrace(suffix: string, spanCount = 30, opts: PushTraceOptions = {}): Promise<Trace> {
  const base = generateSyntheticTrace({ spanCount, seed: (parseInt(suffix.slice(3), 16) || 1) + (opts.seed ?? 0) });
  const rename = (s: string) => `${s}-${suffix}`;
  const errorAt = (i: number, was: boolean) => (opts.errors === 'none' ? false : opts.errors === 'one' ? i === spanCount - 1 : was);
  const trace: Trace = {
    ...base,
    services: base.services.map(rename),
    spans: base.spans.map((s, i) => ({
      ...s,
      error: errorAt(i, s.error),
      service: rename(s.service),
      resource: s.resource.map((kv) => (kv.key === 'service.name' ? { ...kv, value: rename(String(kv.value)) } : kv)),
    })),
  };
  await pushTrace(trace, env('TEST_JAEGER_OTLP_URL'));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const r = await fetch(`${env('JAEGER_URL')}/api/traces/${trace.traceId}`).catch(() => null);
    if (r?.ok) {
      const body = (await r.json()) as { data: { spans: unknown[] }[] };
      if (body.data[0]?.spans.length === spanCount) return trace;
    }
    await new Promise((res) => setTimeout(res, 300));
  }
  throw new Error(`Jaeger did not serve trace ${trace.traceId} within 30 s`);
}

/** One log line to push: its body, level and (optionally) the trace and span it belongs to. */
export interface TestLogLine {
  body: string;
  level: 'INFO' | 'WARN' | 'ERROR';
  traceId?: string;
  spanId?: string;
}

const SEVERITY = { INFO: 9, WARN: 13, ERROR: 17 } as const;

/** Pushes log lines of `service` to Loki over OTLP/HTTP JSON (trace_id and span_id become structured metadata). */
export async function pushLogs(service: string, lines: TestLogLine[]): Promise<void> {
  const now = BigInt(Date.now()) * 1_000_000n;
  const body = {
    resourceLogs: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeLogs: [{
        scope: { name: 'e2e' },
        logRecords: lines.map((l, i) => ({
          timeUnixNano: String(now - BigInt(lines.length - i) * 1_000_000n),
          severityText: l.level,
          severityNumber: SEVERITY[l.level],
          body: { stringValue: l.body },
          ...(l.traceId ? { traceId: l.traceId } : {}),
          ...(l.spanId ? { spanId: l.spanId } : {}),
        })),
      }],
    }],
  };
  const res = await fetch(`${env('TEST_LOKI_OTLP_URL')}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`Loki OTLP push failed: HTTP ${res.status} ${await res.text()}`);
}
