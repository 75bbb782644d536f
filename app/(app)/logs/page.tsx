import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'Logs' };

export default function LogsPage() {
  return (
    <PageGate role="operator" what="Logs">
      <h1 className="mb-2 text-lg font-semibold">Logs</h1>
      <p className="text-[var(--muted)]">Explore logs with LogQL.</p>
    </PageGate>
  );
}
