import { PageGate } from '@/components/layout/page-gate';
import { SloList } from '@/components/slo/slo-list';

export const metadata = { title: 'SLOs' };
export const dynamic = 'force-dynamic';

/** /slos: every user journey's objective, its state, budget left and burn rate. */
export default function SLOsPage() {
  return (
    <PageGate role="viewer" what="SLOs">
      <div className="flex flex-col gap-3">
        <div>
          <h1 className="text-lg font-semibold">SLOs</h1>
          <p className="text-sm text-[var(--muted)]">Is each user journey meeting its objective, and how much error budget is left?</p>
        </div>
        <SloList />
      </div>
    </PageGate>
  );
}
