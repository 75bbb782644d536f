import type { FileError } from '@/lib/dashboards/parse-file';

/** Validation errors of definition files: path, line:column, JSON pointer and message. */
export function FileErrorList({ errors }: { errors: FileError[] }) {
  return (
    <ul className="flex flex-col gap-1 font-mono text-xs" aria-label="File errors">
      {errors.map((e, i) => (
        <li key={`${e.file}-${e.pointer}-${i}`} data-testid="file-error" className="rounded border border-red-300 bg-[var(--panel)] p-2">
          <span className="font-semibold">{e.file}</span>
          {e.line !== undefined && <span>:{e.line}:{e.column ?? 1}</span>}
          <span className="text-[var(--muted)]"> at </span>
          <span>{e.pointer || '(whole file)'}</span>
          <p className="mt-0.5 whitespace-pre-wrap font-sans">{e.message}</p>
        </li>
      ))}
    </ul>
  );
}
