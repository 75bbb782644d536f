import Link from 'next/link';
import type { DependenciesData, DependencyEdge } from '@/lib/panels/types';
import { formatValue } from './format';

/** Error ratio above which an edge is marked unhealthy. */
const UNHEALTHY_ERROR_RATIO = 0.01;

function EdgeRows({ edges, title }: { edges: DependencyEdge[]; title: string }) {
  return (
    <>
      <tr>
        <th colSpan={5} scope="colgroup" className="pt-2 text-left text-[var(--muted)]">{title}</th>
      </tr>
      {edges.length === 0 && (
        <tr>
          <td colSpan={5} className="py-1 text-[var(--muted)]">none seen in this range</td>
        </tr>
      )}
      {edges.map((e) => (
        <tr key={`${e.direction}-${e.service}`} className="border-b border-[var(--border)] last:border-0">
          <td className="py-1 pr-2">
            <span aria-hidden className={`mr-1 inline-block h-2 w-2 rounded-full ${e.errorRatio !== null && e.errorRatio > UNHEALTHY_ERROR_RATIO ? 'bg-red-600' : e.rate === null ? 'bg-gray-400' : 'bg-green-600'}`} />
            <Link href={`/d/svc-${e.service}`} className="underline">{e.service}</Link>
          </td>
          <td className="py-1 pr-2 text-right tabular-nums">{formatValue(e.rate, 'reqps')}</td>
          <td className="py-1 pr-2 text-right tabular-nums">{formatValue(e.errorRatio, 'ratio')}</td>
          <td className="py-1 pr-2 text-right tabular-nums">{formatValue(e.p95Seconds, 'seconds')}</td>
          <td className="py-1 text-right tabular-nums">{e.traceCalls ?? '—'}</td>
        </tr>
      ))}
    </>
  );
}

/** Upstream callers and downstream callees of a service with rate, errors, p95 and traced calls per edge. */
export function DependencyTable({ data }: { data: DependenciesData }) {
  return (
    <table className="w-full text-xs" aria-label={`Dependencies of ${data.service}`}>
      <thead>
        <tr className="border-b border-[var(--border)] text-[var(--muted)]">
          <th scope="col" className="py-1 text-left font-medium">Service</th>
          <th scope="col" className="py-1 text-right font-medium">Rate</th>
          <th scope="col" className="py-1 text-right font-medium">Errors</th>
          <th scope="col" className="py-1 text-right font-medium">p95</th>
          <th scope="col" className="py-1 text-right font-medium" title="Calls on this edge in traces (Jaeger)">Traced calls</th>
        </tr>
      </thead>
      <tbody>
        <EdgeRows title={`Upstream (calls ${data.service})`} edges={data.edges.filter((e) => e.direction === 'upstream')} />
        <EdgeRows title={`Downstream (${data.service} calls)`} edges={data.edges.filter((e) => e.direction === 'downstream')} />
      </tbody>
    </table>
  );
}
