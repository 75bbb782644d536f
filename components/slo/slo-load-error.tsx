import { BffError } from '@/lib/queries/fetch-json';

/** What went wrong loading SLO figures, in words a stakeholder can act on; the BFF's message below. */
export function SloLoadError({ error }: { error: Error }) {
  return <SloErrorBox code={error instanceof BffError ? error.code : 'NETWORK'} message={error.message} />;
}

/** An SLO error by its BFF code and message (a failed page, or one SLO of the list). */
export function SloErrorBox({ code, message }: { code: string; message: string }) {
  const headline =
    code === 'UPSTREAM_UNAVAILABLE' || code === 'UPSTREAM_TIMEOUT' || code === 'UPSTREAM_ERROR'
      ? 'SLO figures are unavailable: Prometheus, where they come from, is not answering. They will show again once it is back.'
      : code === 'NOT_FOUND'
        ? 'This SLO does not exist.'
        : code === 'FORBIDDEN' || code === 'UNAUTHENTICATED'
          ? 'You are not allowed to see SLOs.'
          : 'SLO figures could not be loaded.';
  return (
    <div role="alert" data-testid="slo-error" className="flex flex-col gap-1 rounded border border-[var(--bad)] p-3 text-sm">
      <p className="font-semibold">{headline}</p>
      <p className="text-xs text-[var(--muted)]">
        {code}: {message}
      </p>
    </div>
  );
}
