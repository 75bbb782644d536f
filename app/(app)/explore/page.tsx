import { Suspense } from 'react';
import { ExploreView } from '@/components/explore/explore-view';
import { PageGate } from '@/components/layout/page-gate';

export const metadata = { title: 'Explore' };

/** Raw PromQL and LogQL for developers, through the audited explore API. */
export default function ExplorePage() {
  return (
    <PageGate role="developer" what="Explore">
      <h1 className="mb-3 text-lg font-semibold">Explore</h1>
      <Suspense>
        <ExploreView />
      </Suspense>
    </PageGate>
  );
}
