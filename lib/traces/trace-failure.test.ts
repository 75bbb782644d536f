import { describe, expect, it } from 'vitest';
import { describeTraceFailure } from './trace-failure';

describe('describeTraceFailure', () => {
  const id = '4bf92f3577b34da6a3ce929d0e0e4736';
  it('names the cause in the heading, and says Jaeger is down only when it is', () => {
    const cases = [
      [{ code: 'NOT_FOUND', status: 404, message: 'Trace "x" was not found' }, 'Trace not found', `Jaeger holds no trace ${id}. It may have expired or not be flushed yet.`],
      [{ code: 'UPSTREAM_TOO_LARGE', status: 422, message: "Jaeger's answer is larger than 64 MiB" }, 'Trace too large to show', "Jaeger's answer is larger than 64 MiB"],
      [{ code: 'INVALID_INPUT', status: 400, message: 'traceId: must be 1 to 32 hex digits' }, 'Not a trace id', 'traceId: must be 1 to 32 hex digits'],
      [{ code: 'UPSTREAM_UNAVAILABLE', status: 503, message: 'Jaeger is unavailable (ECONNREFUSED)' }, 'Jaeger is unavailable', 'Jaeger is unavailable (ECONNREFUSED)'],
      [{ code: 'UPSTREAM_TIMEOUT', status: 504, message: 'Jaeger did not answer within 15000 ms' }, 'Jaeger did not answer in time', 'Jaeger did not answer within 15000 ms'],
      [{ code: 'UPSTREAM_ERROR', status: 502, message: 'Jaeger answered HTTP 500' }, 'The trace could not be loaded', 'Jaeger answered HTTP 500'],
      [{ code: 'HTTP_500', status: 500, message: 'request failed with HTTP 500' }, 'The trace could not be loaded', 'request failed with HTTP 500'],
    ] as const;
    for (const [failure, title, message] of cases) expect(describeTraceFailure(failure, id), failure.code).toEqual({ title, message });
  });
});
