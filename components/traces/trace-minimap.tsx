'use client';

import { useEffect, useRef, useState, useSyncExternalStore, type PointerEvent } from 'react';
import type { TraceModel } from '@/lib/traces/trace-model';
import { SERVICE_COLORS } from './service-colors';
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

/** A #rrggbb colour as one opaque RGBA pixel of an ImageData buffer (little-endian: A B G R). */
function toPixel(hex: string): number {
  const v = Number.parseInt(hex.slice(1), 16);
  return ((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}

const PALETTE_PIXELS = SERVICE_COLORS.map(toPixel);
const ERROR_PIXEL = toPixel(ERROR_COLOR);

/**
 * Draws one bar per row straight into the pixels (rows down, time across): at 50,000 rows that is
 * a few million array writes and one putImageData instead of 50,000 fillRect calls (~80 ms). Rows
 * sharing a pixel row overwrite each other in row order, as the bars of a canvas would.
 */
function drawMinimap(canvas: HTMLCanvasElement, model: TraceModel, rows: ArrayLike<number>, width: number, height: number): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.floor(width * dpr);
  const h = Math.floor(height * dpr);
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx || w === 0 || h === 0) return;
  const image = ctx.createImageData(w, h);
  const px = new Uint32Array(image.data.buffer);
  const { tree } = model;
  const duration = Math.max(1, tree.endMicros - tree.startMicros);
  const n = rows.length;
  for (let r = 0; r < n; r++) {
    const i = rows[r]!;
    const s = tree.spans[i]!;
    const color = s.error ? ERROR_PIXEL : PALETTE_PIXELS[tree.colorOf[tree.serviceOf[i]!]! % PALETTE_PIXELS.length]!;
    const y0 = Math.floor((r * h) / n);
    const y1 = Math.max(y0 + 1, Math.floor(((r + 1) * h) / n));
    const x0 = Math.min(w - 1, Math.max(0, Math.floor(((s.startMicros - tree.startMicros) / duration) * w)));
    const x1 = Math.min(w, Math.max(x0 + 1, Math.ceil(((s.startMicros + s.durationMicros - tree.startMicros) / duration) * w)));
    for (let y = y0; y < y1 && y < h; y++) px.fill(color, y * w + x0, y * w + x1);
  }
  ctx.putImageData(image, 0, 0);
}
