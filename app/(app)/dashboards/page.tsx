import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'Dashboards' };

export default function DashboardsPage() {
  return (
    <PageGate role="viewer" what="Dashboards">
      <h1 className="mb-2 text-lg font-semibold">Dashboards</h1>
    </PageGate>
  );
}
