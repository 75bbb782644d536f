/** Why a trace cannot be shown (bad id, not found, Jaeger down), as an alert with a heading. */
export function TraceProblem({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="rounded border border-[var(--border)] bg-[var(--panel)] p-4">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="text-[var(--muted)]">{message}</p>
    </div>
  );
}
