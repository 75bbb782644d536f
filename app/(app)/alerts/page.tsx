import { Suspense } from 'react';
import { AlertListView } from '@/components/alerts/alert-list-view';
import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'Alerts' };

/** /alerts: firing and pending alerts with their Alertmanager state, grouped by service and severity (operators and up). */
export default function AlertsPage() {
  return (
    <PageGate role="operator" what="Alerts">
      <h1 className="mb-2 text-lg font-semibold">Alerts</h1>
      <Suspense>
        <AlertListView />
      </Suspense>
    </PageGate>
  );
}
