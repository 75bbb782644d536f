import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { route } from '@/lib/api/route-handler';
import { searchCorrelationId } from '@/lib/search/correlation-search';
import { resolveSearchWindow } from '@/lib/search/search-window';
import { classifySearch } from '@/lib/search/search-input';

const Query = z.object({ q: z.string().max(1000).default(''), from: z.string().max(40).optional(), to: z.string().max(40).optional() });

/** A trace id answers where to go; a correlation id answers its traces and logs. Bad input never reaches an upstream. */
export const GET = route({ access: { role: 'operator' }, name: 'search', query: Query }, async ({ query, signal, requestId }) => {
  const input = classifySearch(query.q);
  if (input.kind === 'invalid') throw new AppError('INVALID_INPUT', input.message);
  if (input.kind === 'trace') return { kind: 'trace', traceId: input.traceId, href: `/traces/${input.traceId}` };
  const window = resolveSearchWindow(query.from, query.to, Date.now());
  return { kind: 'correlation', result: await searchCorrelationId(input.id, window, { signal, requestId }) };
});
