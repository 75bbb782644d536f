/**
 * A tiny markdown subset for panel notes: headings (#, ##, ###), paragraphs, bullet lists, **bold**,
 * *italic*, `code` and [links](https://…). It produces a tree of plain strings, never HTML, so a
 * dashboard file cannot inject markup; only http(s) and relative links survive.
 */

export type Inline = { kind: 'text' | 'bold' | 'italic' | 'code'; text: string } | { kind: 'link'; text: string; href: string };
export type Block = { kind: 'heading'; level: 1 | 2 | 3; content: Inline[] } | { kind: 'paragraph'; content: Inline[] } | { kind: 'list'; items: Inline[][] };

const INLINE = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** True for links that are safe to follow: http(s), or a path on this site. */
export function isSafeHref(href: string): boolean {
  return /^https?:\/\//i.test(href) || (href.startsWith('/') && !href.startsWith('//'));
}

/** Splits one line into text, emphasis, code and link runs. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of line.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: line.slice(last, at) });
    if (m[1] !== undefined) out.push({ kind: 'bold', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'italic', text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'code', text: m[3] });
    else if (m[4] !== undefined && m[5] !== undefined) out.push(isSafeHref(m[5]) ? { kind: 'link', text: m[4], href: m[5] } : { kind: 'text', text: m[4] });
    last = at + m[0].length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

/** Parses markdown text into blocks; consecutive lines join into one paragraph. */
export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: Inline[][] | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', content: parseInline(para.join(' ')) });
    if (list) blocks.push({ kind: 'list', items: list });
    para = [];
    list = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: (heading[1]?.length ?? 1) as 1 | 2 | 3, content: parseInline(heading[2] ?? '') });
    } else if (bullet) {
      if (para.length) flush();
      list ??= [];
      list.push(parseInline(bullet[1] ?? ''));
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return blocks;
}
