import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'Traces' };

export default function TracesPage() {
  return (
    <PageGate role="operator" what="Traces">
      <h1 className="mb-2 text-lg font-semibold">Traces</h1>
      <p className="text-[var(--muted)]">Search traces by service, operation, tags and duration.</p>
    </PageGate>
  );
}
