import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'Alerts' };

export default function AlertsPage() {
  return (
    <PageGate role="operator" what="Alerts">
      <h1 className="mb-2 text-lg font-semibold">Alerts</h1>
      <p className="text-[var(--muted)]">Firing and pending alerts with their Alertmanager state.</p>
    </PageGate>
  );
}
