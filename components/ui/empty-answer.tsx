import type { ReactNode } from 'react';

/** An empty answer: what it means, then any hint at why (a label or metric that does not exist). */
export function EmptyAnswer({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="rounded border border-dashed border-[var(--border)] p-4 text-center text-sm text-[var(--muted)]">
      <p>{message}</p>
      {children}
    </div>
  );
}
