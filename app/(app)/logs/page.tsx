import { Suspense } from 'react';
import { PageGate } from '@/components/layout/page-gate';
import { LogsExplorer } from '@/components/logs/logs-explorer';

export const metadata = { title: 'Logs' };

/** The logs explorer (operators and up): LogQL, label pickers, volume, follow mode. */
export default function LogsPage() {
  return (
    <PageGate role="operator" what="Logs">
      <h1 className="mb-3 text-lg font-semibold">Logs</h1>
      <Suspense>
        <LogsExplorer />
      </Suspense>
    </PageGate>
  );
}
