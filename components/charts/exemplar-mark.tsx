'use client';

import { useRouter } from 'next/navigation';
import { useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { DefaultZIndexes } from 'recharts';
import { FieldRows } from '@/components/ui/field-rows';

/**
 * The recharts layer exemplar points draw in: above the lines' dots and the hover dot (which sit
 * exactly on the line where the exemplars are placed and would take their clicks), below labels.
 */
export const EXEMPLAR_Z_INDEX = DefaultZIndexes.activeDot + 1;

export interface ExemplarMarkProps {
  /** Centre in the chart's SVG coordinates (px), as recharts passes it to a Scatter shape. */
  cx: number;
  cy: number;
  href: string;
  /** What a screen reader and the native tooltip say: trace id, time, value. */
  label: string;
  color: string;
  /** Set on alert charts: whether the event counts against the alert (an error, a too-slow request). */
  bad?: boolean;
  /** Shown beside the point on hover or focus, one line per fact (time, value, trace id). */
  details?: [string, string][];
}

/**
 * One exemplar on a chart: a small diamond that is a real link to its trace, so it can be focused
 * (Tab), opened with Enter or a click inside the app, and opened in a new tab with a modifier.
 */
export function ExemplarMark({ cx, cy, href, label, color, bad, details }: ExemplarMarkProps) {
  const router = useRouter();
  // The tooltip is this point's own state, drawn over the page: showing it re-renders only this
  // point, never the chart (a chart re-render between press and release could lose the click).
  const [tip, setTip] = useState<{ left: number; top: number } | null>(null);
  const show = (ev: MouseEvent | FocusEvent) => {
    const r = ev.currentTarget.getBoundingClientRect();
    setTip({ left: r.right + 8, top: Math.max(0, r.top - 8) });
  };
  const hide = () => setTip(null);
  const onClick = (ev: MouseEvent) => {
    // A modified or middle click is the browser's (new tab or window); a plain one stays in the app.
    if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey || ev.button !== 0) return;
    ev.preventDefault();
    router.push(href);
  };
  // Pressing on a point is not the start of a drag-to-zoom: the chart's drag state would re-render
  // the chart between press and release, and the click would be lost.
  const onMouseDown = (ev: MouseEvent) => ev.stopPropagation();
  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    router.push(href);
  };
  return (
    <a href={href} aria-label={label} data-testid="exemplar-point" data-bad={bad} onMouseDown={onMouseDown} onClick={onClick} onKeyDown={onKeyDown} onMouseEnter={show} onMouseLeave={hide} onFocus={show} onBlur={hide} style={{ cursor: 'pointer' }}>
      <title>{label}</title>
      <path d={`M${cx},${cy - 6} L${cx + 6},${cy} L${cx},${cy + 6} L${cx - 6},${cy} Z`} fill={color} stroke="var(--panel)" strokeWidth={1} />
      {tip && details && createPortal(<ExemplarTooltip left={tip.left} top={tip.top} rows={details} />, document.body)}
    </a>
  );
}

/** The details of a hovered or focused exemplar, beside it (viewport coordinates): one line per fact. */
function ExemplarTooltip({ left, top, rows }: { left: number; top: number; rows: [string, string][] }) {
  return (
    <div role="tooltip" data-testid="exemplar-tooltip" className="pointer-events-none fixed z-50 rounded border border-[var(--border)] bg-[var(--panel)] p-1.5 text-[11px] shadow-lg" style={{ left, top }}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2">
        <FieldRows rows={rows} valueClassName="font-mono" />
      </dl>
    </div>
  );
}
