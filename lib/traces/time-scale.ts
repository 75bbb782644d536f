/** Formats a duration in microseconds the way trace UIs do: "850µs", "12.3ms", "1.24s", "2m 5s". */
export function formatMicros(micros: number): string {
  const abs = Math.abs(micros);
  const sign = micros < 0 ? '-' : '';
  if (abs < 1000) return `${sign}${Math.round(abs)}µs`;
  if (abs < 1_000_000) return `${sign}${trimTo3(abs / 1000)}ms`;
  if (abs < 60_000_000) return `${sign}${trimTo3(abs / 1_000_000)}s`;
  const totalSeconds = Math.round(abs / 1_000_000);
  return `${sign}${Math.floor(totalSeconds / 60)}m ${totalSeconds % 60}s`;
}

/** Three significant digits without trailing zeros: 1.5, 12.3, 456. */
function trimTo3(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** One tick of the time ruler: an offset from the trace start and its fraction of the width. */
export interface Tick {
  offsetMicros: number;
  fraction: number;
  label: string;
}

/**
 * Ticks at a "nice" step (1, 2 or 5 × 10^k µs) giving about `target` intervals over the trace,
 * starting at 0; labels are offsets from the trace start.
 */
export function computeTicks(durationMicros: number, target = 5): Tick[] {
  if (!(durationMicros > 0)) return [{ offsetMicros: 0, fraction: 0, label: '0µs' }];
  const raw = durationMicros / Math.max(1, target);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: Tick[] = [];
  for (let t = 0; t <= durationMicros + 1e-9 && ticks.length < 100; t += step) {
    ticks.push({ offsetMicros: t, fraction: t / durationMicros, label: formatMicros(t) });
  }
  return ticks;
}

/** Left offset and width of an interval as percentages of the trace, with a visible minimum width. */
export function placeInterval(startMicros: number, durationMicros: number, traceStart: number, traceDuration: number): { left: number; width: number } {
  if (!(traceDuration > 0)) return { left: 0, width: 100 };
  const left = ((startMicros - traceStart) / traceDuration) * 100;
  const width = (durationMicros / traceDuration) * 100;
  return { left: Math.min(Math.max(left, 0), 100), width: Math.max(width, 0.05) };
}
