import type { ReactNode } from 'react';

/**
 * Key/value rows inside a caller's `<dl className="grid grid-cols-[auto_1fr] ...">`: one muted term
 * and its value per pair. `note` follows each term in small type (e.g. "(label)"); `valueClassName`
 * styles the values (break-all for long log fields, font-mono for ids).
 */
export function FieldRows({ rows, note, valueClassName }: { rows: readonly (readonly [string, ReactNode])[]; note?: string; valueClassName?: string }) {
  return rows.map(([k, v]) => (
    <div key={k} className="contents">
      <dt className="text-[var(--muted)]">
        {k}
        {note && <span className="text-[9px]"> {note}</span>}
      </dt>
      <dd className={valueClassName}>{v}</dd>
    </div>
  ));
}
