import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'Explore' };

export default function ExplorePage() {
  return (
    <PageGate role="developer" what="Explore">
      <h1 className="mb-2 text-lg font-semibold">Explore</h1>
      <p className="text-[var(--muted)]">Raw PromQL and LogQL queries.</p>
    </PageGate>
  );
}
