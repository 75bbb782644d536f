/** Header row of the SLO page's small tables. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead className="text-left text-xs text-[var(--muted)]">
      <tr>
        {columns.map((c) => (
          <th key={c} className="py-1 font-normal">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
