import { describe, expect, it } from 'vitest';
import { webLink } from './web-link';

describe('webLink', () => {
  it('keeps absolute http and https URLs', () => {
    expect(webLink('https://runbooks.example.com/payment#burn')).toBe('https://runbooks.example.com/payment#burn');
    expect(webLink(' http://localhost:3000/slos/payment-availability ')).toBe('http://localhost:3000/slos/payment-availability');
  });

  it('refuses every other scheme, relative paths and empty values', () => {
    for (const value of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '/settings', '//evil.example', 'runbooks/payment', '', undefined]) {
      expect(webLink(value), String(value)).toBeNull();
    }
  });
});
