'use client';

import { EmptyAnswer } from '@/components/ui/empty-answer';
import { usePromMetricNames } from '@/lib/queries/explore';
import { unknownMetrics } from './promql-names';

/**
 * An empty PromQL answer, and why it may be empty: a metric name Prometheus does not have in the
 * range, with the nearest one it has (`http_requests_total` where the metric is
 * `http_server_requests_total`). The names are asked for only when an answer is empty.
 */
export function NoSeries({ query, from, to }: { query: string; from: string; to: string }) {
  const names = usePromMetricNames(from, to).data;
  return (
    <EmptyAnswer message="The query returned no series.">
      {names &&
        unknownMetrics(query, names).map(({ name, nearest }) => (
          <p key={name} data-testid="unknown-metric" className="mt-1">
            Prometheus has no metric <span className="font-mono">{name}</span> in this range{nearest ? <>; did you mean <span className="font-mono">{nearest}</span>?</> : '.'}
          </p>
        ))}
    </EmptyAnswer>
  );
}
