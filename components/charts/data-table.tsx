import type { TableData } from '@/lib/panels/types';
import { formatValue } from './format';

/** An instant-query table; a missing value shows a dash (no data), not zero. */
export function DataTable({ data }: { data: TableData }) {
  return (
    <table className="w-full text-left text-xs">
      <thead>
        <tr className="border-b border-[var(--border)] text-[var(--muted)]">
          {data.columns.map((c) => (
            <th key={c.header} scope="col" className={`py-1 pr-3 font-medium ${c.kind === 'value' ? 'text-right' : ''}`}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.rows.map((r) => (
          <tr key={r.key} className="border-b border-[var(--border)] last:border-0">
            {r.cells.map((cell, i) => {
              const col = data.columns[i];
              return (
                <td key={col?.header ?? i} className={`py-1 pr-3 ${col?.kind === 'value' ? 'text-right tabular-nums' : 'font-mono'}`}>
                  {typeof cell === 'string' ? cell || '—' : formatValue(cell, col?.unit ?? 'none')}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
