'use client';

import { EmptyAnswer } from '@/components/ui/empty-answer';
import { useLogLabels } from '@/lib/queries/logs';
import { missingSelectorLabels } from './logql';

/**
 * An empty LogQL answer, and why it may be empty: a label the selector requires that no stream in
 * the range has (e.g. `service` where streams have `service_name`), with the labels there are.
 */
export function NoLines({ query, from, to }: { query: string; from: string; to: string }) {
  // The same request as the logs page's label picker, so there it is answered from the cache.
  const labels = useLogLabels(from, to).data;
  const missing = labels ? missingSelectorLabels(query, labels) : [];
  return (
    <EmptyAnswer message="No log lines match in this time range.">
      {labels && missing.length > 0 && (
        <p data-testid="missing-labels" className="mt-1">
          No stream in this range has the label{missing.length === 1 ? '' : 's'} <span className="font-mono">{missing.join(', ')}</span>. Labels in this range:{' '}
          <span className="font-mono">{labels.join(', ') || 'none'}</span>.
        </p>
      )}
    </EmptyAnswer>
  );
}
