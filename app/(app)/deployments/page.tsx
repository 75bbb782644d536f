import { Suspense } from 'react';
import { DeploymentList } from '@/components/deployments/deployment-list';
import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'Deployments' };

export default function DeploymentsPage() {
  return (
    <PageGate role="operator" what="Deployments">
      <h1 className="mb-3 text-lg font-semibold">Deployments</h1>
      <Suspense>
        <DeploymentList />
      </Suspense>
    </PageGate>
  );
}
