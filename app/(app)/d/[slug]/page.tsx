import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Suspense } from 'react';
import { completeDashboardSearch, timeZoneProblem, toSearchParams } from '@/components/dashboard/dashboard-url';
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
  // Make the dashboard's own default range, refresh and time zone explicit in the URL, so the header
  // picker shows what the dashboard does and the address reproduces this view anywhere.
  const completed = completeDashboardSearch(search, dashboard.time);
  if (completed !== null) redirect(`/d/${slug}?${completed}`);
  const tzProblem = timeZoneProblem(search.tz);
  if (tzProblem) {
    const withoutTz = toSearchParams(search, 'tz');
    return (
      <div className="flex flex-col gap-2">
        <h1 className="text-lg font-semibold">{dashboard.title}</h1>
        <p role="alert" className="text-sm">The address asks for times in a zone that does not exist. {tzProblem}</p>
        <Link href={`/d/${slug}?${withoutTz.toString()}`} className="text-sm text-[var(--accent)] underline">Show it in the dashboard’s own time zone ({dashboard.time.timezone})</Link>
      </div>
    );
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
