'use client';

import { useEffect, useRef, useState, useSyncExternalStore, type PointerEvent } from 'react';
import type { TraceModel } from '@/lib/traces/trace-model';
import { colorOfSlot } from './service-colors';
import type { ViewportStore } from './viewport-store';

interface TraceMinimapProps {
  model: TraceModel;
  rows: ArrayLike<number>;
  viewport: ViewportStore;
  onScrollToFraction: (fraction: number) => void;
  /** The id of the waterfall element it scrolls. */
  controls?: string;
  heightPx?: number;
}

const ERROR_COLOR = '#ef4444';

/**
 * A canvas overview of every visible row (time across, rows down) with a frame over the part the
 * waterfall shows. Click or drag to scroll the waterfall there. The canvas is redrawn only when
 * the rows or the width change; scrolling only moves the frame.
 */
export function TraceMinimap({ model, rows, viewport, onScrollToFraction, controls, heightPx = 64 }: TraceMinimapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const [width, setWidth] = useState(0);
  const vp = useSyncExternalStore(viewport.subscribe, viewport.get, viewport.get);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const ro = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]?.contentRect.width ?? 0)));
    ro.observe(box);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    drawMinimap(canvas, model, rows, width, heightPx);
  }, [model, rows, width, heightPx]);

  const scrollFromPointer = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    onScrollToFraction(Math.min(1, Math.max(0, (e.clientY - rect.top) / rect.height)));
  };

  const total = Math.max(1, vp.total);
  const top = (vp.first / total) * 100;
  const height = Math.max(((vp.last - vp.first + 1) / total) * 100, 2);
  return (
    <div
      ref={boxRef}
      role="scrollbar"
      aria-label="Trace overview: click or drag to scroll the spans"
      aria-controls={controls}
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(top)}
      className="relative cursor-pointer touch-none select-none overflow-hidden rounded border border-[var(--border)] bg-[var(--panel)]"
      style={{ height: heightPx }}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        scrollFromPointer(e);
      }}
      onPointerMove={(e) => {
        if (dragging.current) scrollFromPointer(e);
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
    >
      <canvas ref={canvasRef} className="block" style={{ width, height: heightPx }} />
      <div
        aria-hidden
        className="pointer-events-none absolute inset-x-0 border-y-2 border-[var(--accent)] bg-[var(--accent)]/10"
        style={{ top: `${top}%`, height: `${height}%` }}
      />
    </div>
  );
}

/** Draws one thin bar per row; consecutive rows of one service share a fillStyle change. */
function drawMinimap(canvas: HTMLCanvasElement, model: TraceModel, rows: ArrayLike<number>, width: number, height: number): void {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.floor(width * dpr);
  canvas.height = Math.floor(height * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const { tree } = model;
  const duration = Math.max(1, tree.endMicros - tree.startMicros);
  const n = rows.length;
  const rowH = height / Math.max(1, n);
  const barH = Math.max(rowH, 0.75);
  let lastColor = '';
  for (let r = 0; r < n; r++) {
    const i = rows[r]!;
    const s = tree.spans[i]!;
    const color = s.error ? ERROR_COLOR : colorOfSlot(tree.colorOf[tree.serviceOf[i]!]!);
    if (color !== lastColor) {
      ctx.fillStyle = color;
      lastColor = color;
    }
    const x = ((s.startMicros - tree.startMicros) / duration) * width;
    ctx.fillRect(x, r * rowH, Math.max(1, (s.durationMicros / duration) * width), barH);
  }
}
