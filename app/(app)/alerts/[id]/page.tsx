import { Suspense } from 'react';
import { AlertDetailView } from '@/components/alerts/alert-detail-view';
import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'Alert' };

/** /alerts/{id}: one alert's chart, threshold, deployments, exemplars and candidate traces (operators and up). */
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <PageGate role="operator" what="Alerts">
      <Suspense>
        <AlertDetailView id={id} />
      </Suspense>
    </PageGate>
  );
}
