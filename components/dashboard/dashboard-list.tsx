import Link from 'next/link';
import type { DashboardCatalog, DashboardSummary } from '@/lib/panels/catalog';
import { FileErrorList } from './file-error-list';

const KINDS: { kind: DashboardSummary['kind']; title: string; blurb: string }[] = [
  { kind: 'slo', title: 'SLOs', blurb: 'Is each user journey meeting its objective?' },
  { kind: 'api', title: 'APIs', blurb: 'Health of every public endpoint.' },
  { kind: 'service', title: 'Services', blurb: 'Internals and dependencies of each service.' },
];

/** Dashboards grouped by kind, then any definition files that failed validation. */
export function DashboardList({ catalog }: { catalog: DashboardCatalog }) {
  return (
    <div className="flex flex-col gap-6">
      {KINDS.map(({ kind, title, blurb }) => {
        const list = catalog.dashboards.filter((d) => d.kind === kind);
        if (list.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`} className="text-sm font-semibold">{title}</h2>
            <p className="mb-2 text-xs text-[var(--muted)]">{blurb}</p>
            <ul className="grid grid-cols-1 gap-2 md:grid-cols-2 xl:grid-cols-3">
              {list.map((d) => (
                <li key={d.slug} className="rounded border border-[var(--border)] bg-[var(--panel)] p-3">
                  <Link href={`/d/${d.slug}`} className="font-medium text-[var(--accent)] underline">{d.title}</Link>
                  <p className="mt-1 text-xs">{d.purpose}</p>
                  <p className="mt-1 text-xs text-[var(--muted)]">
                    Owners: {d.owners.join(', ')} · for {d.audience} · {d.panelCount} panels
                  </p>
                  {d.tags.length > 0 && (
                    <ul className="mt-1 flex flex-wrap gap-1" aria-label="Tags">
                      {d.tags.map((t) => (
                        <li key={t} className="rounded bg-[var(--panel-2)] px-1.5 text-[10px]">{t}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {catalog.errors.length > 0 && (
        <section aria-labelledby="broken-files">
          <h2 id="broken-files" className="text-sm font-semibold text-red-600">Dashboard files with errors</h2>
          <p className="mb-2 text-xs text-[var(--muted)]">These files are skipped; every other dashboard keeps working. Fix them and reload.</p>
          <FileErrorList errors={catalog.errors} />
        </section>
      )}
    </div>
  );
}
