import Link from 'next/link';
import type { LogsData } from '@/lib/panels/types';
import { formatTimestamp } from './format';

const LEVEL_COLOR: Record<string, string> = { error: 'text-red-600', fatal: 'text-red-700', warn: 'text-amber-600', info: 'text-sky-600', debug: 'text-[var(--muted)]', trace: 'text-[var(--muted)]' };

/** Log lines, newest first as Loki returned them; a line with a trace id links to its trace. */
export function LogsList({ data, timeZone }: { data: LogsData; timeZone: string }) {
  return (
    <ol className="flex flex-col font-mono text-[11px] leading-5" aria-label="Log lines">
      {data.entries.map((e) => (
        <li key={e.id} className="flex gap-2 border-b border-[var(--border)] last:border-0">
          <time className="shrink-0 text-[var(--muted)]" dateTime={new Date(e.t).toISOString()}>{formatTimestamp(e.t, timeZone).slice(11, 19)}</time>
          <span className={`w-10 shrink-0 uppercase ${LEVEL_COLOR[e.level] ?? ''}`}>{e.level === 'unknown' ? '' : e.level}</span>
          <span className="min-w-0 flex-1 break-all">{e.line}</span>
          {e.traceId && (
            <Link href={`/traces/${e.traceId}`} className="shrink-0 text-[var(--accent)] underline" aria-label={`Trace ${e.traceId}`}>
              trace
            </Link>
          )}
        </li>
      ))}
    </ol>
  );
}
