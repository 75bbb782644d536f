import Link from 'next/link';
import type { SloListFailure } from '@/lib/slo/bff-types';
import { SloErrorBox } from './slo-load-error';

/** An SLO of the list whose status could not be computed: its name and journey, and its own error. */
export function SloFailureCard({ failure }: { failure: SloListFailure }) {
  return (
    <article aria-label={failure.name} data-testid="slo-summary" className="flex flex-col gap-2 rounded border border-[var(--border)] bg-[var(--panel)] p-3">
      <h2 className="font-semibold">
        <Link href={`/slos/${encodeURIComponent(failure.sloId)}`} className="text-[var(--accent)] underline">
          {failure.name}
        </Link>
      </h2>
      <p className="text-xs text-[var(--muted)]">{failure.journey}</p>
      <SloErrorBox code={failure.error.code} message={failure.error.message} />
    </article>
  );
}
