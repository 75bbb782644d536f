import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'SLOs' };

export default function SLOsPage() {
  return (
    <PageGate role="viewer" what="SLOs">
      <h1 className="mb-2 text-lg font-semibold">SLOs</h1>
      <p className="text-[var(--muted)]">Service level objectives and their error budgets.</p>
    </PageGate>
  );
}
