import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown';

describe('parseMarkdown', () => {
  it('parses headings, paragraphs, lists, emphasis, code and links', () => {
    expect(parseMarkdown('# Title\nSome **bold** and `code`.\n\n- one\n- [docs](https://example.com)')).toEqual([
      { kind: 'heading', level: 1, content: [{ kind: 'text', text: 'Title' }] },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'Some ' }, { kind: 'bold', text: 'bold' }, { kind: 'text', text: ' and ' }, { kind: 'code', text: 'code' }, { kind: 'text', text: '.' }] },
      { kind: 'list', items: [[{ kind: 'text', text: 'one' }], [{ kind: 'link', text: 'docs', href: 'https://example.com' }]] },
    ]);
  });

  it('keeps raw HTML as text and drops javascript: links', () => {
    const [block] = parseMarkdown('<script>alert(1)</script> [x](javascript:void0)');
    expect(block).toEqual({ kind: 'paragraph', content: [{ kind: 'text', text: '<script>alert(1)</script> ' }, { kind: 'text', text: 'x' }] });
  });
});
