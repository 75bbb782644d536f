import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Suspense } from 'react';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { FileErrorList } from '@/components/dashboard/file-error-list';
import { PageGate } from '@/components/layout/page-gate';
import { AppError } from '@/lib/api/errors';
import { lookupDashboard, type DashboardLookup } from '@/lib/panels/catalog';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function find(slug: string): DashboardLookup | null {
  try {
    return lookupDashboard(slug);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = find((await params).slug);
  return { title: found?.ok ? found.dashboard.title : 'Dashboard' };
}

async function DashboardContent({ slug, search }: { slug: string; search: Record<string, string | string[] | undefined> }) {
  const found = find(slug);
  if (!found) notFound();
  if (!found.ok) {
    return (
      <div className="flex flex-col gap-2">
        <h1 className="text-lg font-semibold">Dashboard “{slug}” has errors</h1>
        <p className="text-sm">Its file failed validation, so it cannot be shown. The other dashboards keep working.</p>
        <FileErrorList errors={found.errors} />
        <Link href="/dashboards" className="text-sm text-[var(--accent)] underline">All dashboards</Link>
      </div>
    );
  }
  const { dashboard, titles } = found;
  // Make the dashboard's own default range and refresh explicit in the URL, so the header picker
  // shows them and the address reproduces this view anywhere.
  if (search.from === undefined) {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(search)) for (const one of typeof v === 'string' ? [v] : (v ?? [])) sp.append(k, one);
    sp.set('from', dashboard.time.defaultRange);
    sp.set('to', typeof search.to === 'string' ? search.to : 'now');
    if (dashboard.time.refresh !== 'off' && search.refresh === undefined) sp.set('refresh', dashboard.time.refresh);
    if (dashboard.time.timezone !== 'UTC') sp.set('tz', dashboard.time.timezone);
    redirect(`/d/${slug}?${sp.toString()}`);
  }
  return (
    <Suspense>
      <DashboardView dashboard={dashboard} titles={titles} />
    </Suspense>
  );
}

/** /d/{slug}: a dashboard, or the precise validation errors of its file. */
export default async function DashboardPage({ params, searchParams }: Props) {
  const [{ slug }, search] = await Promise.all([params, searchParams]);
  return (
    <PageGate role="viewer" what="Dashboards">
      <DashboardContent slug={slug} search={search} />
    </PageGate>
  );
}
