import type { ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown';

function renderInline(runs: Inline[]): ReactNode[] {
  return runs.map((r, i) => {
    switch (r.kind) {
      case 'bold':
        return <strong key={i}>{r.text}</strong>;
      case 'italic':
        return <em key={i}>{r.text}</em>;
      case 'code':
        return <code key={i} className="rounded bg-[var(--panel-2)] px-1 font-mono text-[0.9em]">{r.text}</code>;
      case 'link':
        return <a key={i} href={r.href} className="text-[var(--accent)] underline" rel="noreferrer">{r.text}</a>;
      case 'text':
        return <span key={i}>{r.text}</span>;
    }
  });
}

/** Renders panel notes from the markdown subset as React elements (never as HTML). */
export function MarkdownView({ content }: { content: string }) {
  return (
    <div className="flex flex-col gap-2 text-sm">
      {parseMarkdown(content).map((b, i) => {
        if (b.kind === 'heading') {
          const size = b.level === 1 ? 'text-base' : 'text-sm';
          return <p key={i} className={`${size} font-semibold`}>{renderInline(b.content)}</p>;
        }
        if (b.kind === 'list') return <ul key={i} className="list-disc pl-5">{b.items.map((it, j) => <li key={j}>{renderInline(it)}</li>)}</ul>;
        return <p key={i}>{renderInline(b.content)}</p>;
      })}
    </div>
  );
}
