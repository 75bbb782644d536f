/**
 * What the trace page says when a trace cannot be shown, by the BFF's error code and status: a
 * heading that names the cause (not every failure is Jaeger being down) and the message to show.
 */
export function describeTraceFailure(failure: { code: string; status: number; message: string }, traceId: string): { title: string; message: string } {
  if (failure.code === 'NOT_FOUND') return { title: 'Trace not found', message: `Jaeger holds no trace ${traceId}. It may have expired or not be flushed yet.` };
  if (failure.code === 'UPSTREAM_TOO_LARGE') return { title: 'Trace too large to show', message: failure.message };
  if (failure.code === 'INVALID_INPUT') return { title: 'Not a trace id', message: failure.message };
  if (failure.status === 503) return { title: 'Jaeger is unavailable', message: failure.message };
  if (failure.status === 504) return { title: 'Jaeger did not answer in time', message: failure.message };
  return { title: 'The trace could not be loaded', message: failure.message };
}
