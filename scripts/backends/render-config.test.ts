import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_DIR, renderTemplate } from './render-config';

describe('renderTemplate', () => {
  it('renders values as JSON so paths with spaces or colons stay one YAML scalar', () => {
    const out = renderTemplate('path: {{p}}\nport: {{n}}\nfiles: {{list}}\n', { p: '/tmp/a b: c', n: 9090, list: ['/x/*.yml', '/y z/*.yml'] });
    expect(out).toBe('path: "/tmp/a b: c"\nport: 9090\nfiles: ["/x/*.yml","/y z/*.yml"]\n');
  });

  it('throws on a placeholder without a value instead of writing a broken config', () => {
    expect(() => renderTemplate('a: {{missing}}', {})).toThrow('{{missing}}');
  });

  it('checked-in templates use only simple placeholders and bind every listener to 127.0.0.1', () => {
    for (const file of readdirSync(CONFIG_DIR)) {
      const text = readFileSync(path.join(CONFIG_DIR, file), 'utf8');
      expect(text.match(/\{\{[^}]*\}\}/g)?.every((p) => /^\{\{\w+\}\}$/.test(p)) ?? true).toBe(true);
      expect(text).not.toMatch(/0\.0\.0\.0|localhost/);
    }
  });
});
