import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageGate } from '@/components/layout/page-gate';
import { SloDetailView } from '@/components/slo/slo-detail';
import { getSlo } from '@/lib/dashboards/load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slo = getSlo((await params).id);
  return { title: slo ? `SLO: ${slo.name}` : 'SLO not found' };
}

/** /slos/{id}: one SLO in plain words for stakeholders; unknown ids answer 404 "No SLO with id …". */
export default async function SloPage({ params }: Props) {
  const { id } = await params;
  // Before any streaming, so an unknown id gets a real 404 status.
  if (!getSlo(id)) notFound();
  return (
    <PageGate role="viewer" what="SLOs">
      <SloDetailView id={id} />
    </PageGate>
  );
}
