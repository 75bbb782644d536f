import { z } from 'zod';
import { route } from '@/lib/api/route-handler';
import { buildMonthReport, toReportCsv } from '@/lib/slo/bff-report';
import { toMonthKey } from '@/lib/slo/bff-history';
import { createRequestSloDeps, requireSlo } from '@/lib/slo/request-deps';

export const dynamic = 'force-dynamic';

const Params = z.object({ id: z.string().min(1).max(200) });
const Query = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month like 2026-11').optional() });

/** GET /api/slos/{id}/report.csv?month=YYYY-MM: the month's day-by-day report as a CSV attachment (default: this month). */
export const GET = route({ access: { role: 'viewer' }, name: 'slos.report', params: Params, query: Query }, async ({ params, query, signal, requestId }) => {
  const slo = requireSlo(params.id);
  const now = Date.now();
  const month = query.month ?? toMonthKey(now);
  const days = await buildMonthReport(slo, createRequestSloDeps({ signal, requestId }), month, now);
  return new Response(toReportCsv(slo, month, days), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${slo.id}-${month}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
