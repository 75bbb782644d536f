import { TRACE_ID_PATTERN, traceViewUrl } from './trace-view-url';

/**
 * The trace page starts fetching its trace view from an inline script in the HTML, before the page's
 * scripts have loaded (300–900 ms earlier on a cold open); the client component then takes that
 * response instead of asking again. Only a full page load runs the script: after a client-side
 * navigation nothing is stashed and the client fetches as usual.
 */

const KEY = '__sightlineTraceView';

interface Stash {
  id: string;
  res: Promise<Response>;
}

/** The inline script's source; the id must be a trace id (hex only, so it cannot end the script early). */
export function buildEarlyFetchScript(traceId: string): string {
  if (!TRACE_ID_PATTERN.test(traceId)) throw new Error(`not a trace id: ${traceId}`);
  // A failed early fetch is caught here and retried by the client, which sees the rejection.
  return `window.${KEY}={id:${JSON.stringify(traceId)},res:fetch(${JSON.stringify(traceViewUrl(traceId))})};window.${KEY}.res.catch(function(){});`;
}

/**
 * A User Timing mark of the trace view's progress (`sightline:trace-view:<step>`: parsed, decoded,
 * model), so that a browser's performance panel and the trace-view benchmark show where time goes.
 */
export function markTraceView(step: 'parsed' | 'decoded' | 'model'): void {
  performance.mark(`sightline:trace-view:${step}`);
}

/** Takes (once) the early fetch of this trace's view, or null when there is none. */
export function takeEarlyFetch(traceId: string): Promise<Response> | null {
  const w = window as unknown as Record<string, Stash | undefined>; // the script above put it there, or nothing did
  const stash = w[KEY];
  if (!stash || stash.id !== traceId) return null;
  w[KEY] = undefined;
  return stash.res;
}
