'use client';

import { useState, type ReactNode } from 'react';
import type { KeyValue } from '@/lib/datasources/types';
import type { TraceModel } from '@/lib/traces/trace-model';
import { formatMicros } from '@/lib/traces/time-scale';
import { SKEW_ENDS_AFTER_PARENT, SKEW_STARTS_BEFORE_PARENT, isFollowsFrom } from '@/lib/traces/tree';
import { colorOfSlot } from './service-colors';

interface SpanDetailProps {
  model: TraceModel;
  span: number | null;
  /** Number of log lines tied to this span. */
  logCount?: number;
  onSelectSpanId?: (spanId: string) => void;
}

/** The selected span: timing, flags, attributes, events, resource, links, warnings; copy its id. */
export function SpanDetail({ model, span, logCount, onSelectSpanId }: SpanDetailProps) {
  if (span === null) {
    return <aside aria-label="Span detail" className="p-3 text-sm text-[var(--muted)]">Select a span to see its detail.</aside>;
  }
  const { tree, critical } = model;
  const s = tree.spans[span]!;
  const skew = tree.skew[span]!;
  const onPathMicros = (critical.segmentsBySpan.get(span) ?? []).reduce((sum, seg) => sum + seg.endMicros - seg.startMicros, 0);
  const flags: string[] = [];
  if (s.error) flags.push('error');
  if (tree.orphan[span]) flags.push(`parent ${s.parentSpanId ?? ''} is missing from the trace`);
  if (skew & SKEW_STARTS_BEFORE_PARENT) flags.push('starts before its parent (clock skew)');
  if (skew & SKEW_ENDS_AFTER_PARENT) flags.push(isFollowsFrom(s) ? 'follows from its parent and outlives it' : 'ends after its parent');

  return (
    <aside aria-label="Span detail" className="space-y-3 overflow-auto p-3 text-xs">
      <header>
        <div className="flex items-center gap-2">
          <span aria-hidden className="h-3 w-3 rounded-sm" style={{ background: colorOfSlot(tree.colorOf[tree.serviceOf[span]!]!) }} />
          <h2 className="text-sm font-semibold">{s.operation}</h2>
        </div>
        <p className="text-[var(--muted)]">{s.service} · {s.kind}</p>
      </header>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <Term label="Duration">{formatMicros(s.durationMicros)}</Term>
        <Term label="Starts at">+{formatMicros(s.startMicros - tree.startMicros)}</Term>
        <Term label="Critical path">{onPathMicros > 0 ? `${formatMicros(onPathMicros)} of this span's time` : 'not on the critical path'}</Term>
        <Term label="Span id"><code className="break-all">{s.spanId}</code> <CopyButton text={s.spanId} /></Term>
        {s.parentSpanId && (
          <Term label="Parent">
            {tree.indexById.has(s.parentSpanId) && onSelectSpanId ? (
              <button type="button" className="text-[var(--accent)] underline" onClick={() => onSelectSpanId(s.parentSpanId!)}>{s.parentSpanId}</button>
            ) : <code>{s.parentSpanId}</code>}
          </Term>
        )}
        {logCount !== undefined && <Term label="Log lines">{logCount}</Term>}
      </dl>
      {flags.length > 0 && (
        <ul aria-label="Flags" className="space-y-0.5">
          {flags.map((f) => <li key={f} className={f === 'error' ? 'text-[var(--bad)]' : 'text-[var(--warn)]'}>⚠ {f}</li>)}
        </ul>
      )}
      {s.warnings.length > 0 && (
        <Section title="Warnings"><ul>{s.warnings.map((w) => <li key={w} className="text-[var(--warn)]">{w}</li>)}</ul></Section>
      )}
      <Section title={`Attributes (${s.attributes.length})`}><Pairs items={s.attributes} /></Section>
      {s.events.length > 0 && (
        <Section title={`Events (${s.events.length})`}>
          <ol className="space-y-1">
            {s.events.map((ev, k) => (
              <li key={k}>
                <span className="text-[var(--muted)]">+{formatMicros(ev.timeMicros - s.startMicros)}</span>
                <Pairs items={ev.fields} />
              </li>
            ))}
          </ol>
        </Section>
      )}
      <Section title={`Resource (${s.resource.length})`}><Pairs items={s.resource} /></Section>
      {s.links.length > 0 && (
        <Section title={`Links (${s.links.length})`}>
          <ul>
            {s.links.map((l) => (
              <li key={`${l.traceId}-${l.spanId}-${l.type}`}>
                {l.type === 'follows_from' ? 'follows from' : 'child of'} <code>{l.spanId}</code>
                {l.traceId !== s.traceId && <> in trace <a className="text-[var(--accent)] underline" href={`/traces/${l.traceId}`}>{l.traceId}</a></>}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </aside>
  );
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-[var(--muted)]">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details open className="border-t border-[var(--border)] pt-2">
      <summary className="cursor-pointer font-medium">{title}</summary>
      <div className="mt-1">{children}</div>
    </details>
  );
}

function Pairs({ items }: { items: KeyValue[] }) {
  if (items.length === 0) return <p className="text-[var(--muted)]">none</p>;
  return (
    <table className="w-full table-fixed">
      <tbody>
        {items.map((kv, k) => (
          <tr key={`${kv.key}-${k}`} className="align-top">
            <th scope="row" className="w-2/5 truncate pr-2 text-left font-normal text-[var(--muted)]" title={kv.key}>{kv.key}</th>
            <td className="break-all font-mono">{String(kv.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(text).then(() => setState('copied'), () => setState('failed'));
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" onClick={copy} className="ml-1 rounded border border-[var(--border)] px-1 hover:bg-[var(--panel-2)]" aria-live="polite">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}
