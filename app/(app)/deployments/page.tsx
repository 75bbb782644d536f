import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'Deployments' };

export default function DeploymentsPage() {
  return (
    <PageGate role="operator" what="Deployments">
      <h1 className="mb-2 text-lg font-semibold">Deployments</h1>
      <p className="text-[var(--muted)]">Deployments posted by CD pipelines.</p>
    </PageGate>
  );
}
