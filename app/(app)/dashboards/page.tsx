import { DashboardList } from '@/components/dashboard/dashboard-list';
import { PageGate } from '@/components/layout/page-gate';
import { listDashboardCatalog } from '@/lib/panels/catalog';

export const metadata = { title: 'Dashboards' };
export const dynamic = 'force-dynamic';

function DashboardsContent() {
  return <DashboardList catalog={listDashboardCatalog()} />;
}

/** /dashboards: every dashboard grouped by kind, and the files that failed validation. */
export default function DashboardsPage() {
  return (
    <PageGate role="viewer" what="Dashboards">
      <h1 className="mb-3 text-lg font-semibold">Dashboards</h1>
      <DashboardsContent />
    </PageGate>
  );
}
