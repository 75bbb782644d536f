import { describe, expect, it } from 'vitest';
import { DEFAULT_CALLBACK_PATH, redirectWithinSite, safeCallbackPath } from './callback-path';

describe('safeCallbackPath', () => {
  // Each of these would take a signed-in user to another site, or is not a path at all.
  it.each([
    ['protocol-relative', '//evil.example'],
    ['three slashes', '///evil.example'],
    ['slash backslash', '/\\evil.example'],
    ['backslash backslash', '\\\\evil.example'],
    ['slash tab slash', '/\t/evil.example'],
    ['slash newline slash', '/\n/evil.example'],
    ['slash carriage return slash', '/\r/evil.example'],
    ['slash space slash', '/ /evil.example'],
    ['slash NUL', '/\u0000/evil.example'],
    ['line separator', '/\u2028/evil.example'],
    ['leading space', ' /dashboards'],
    ['encoded tab', '/%09/evil.example'],
    ['encoded newline', '/%0a/evil.example'],
    ['encoded backslash', '/%5C/evil.example'],
    ['encoded slash', '/%2F/evil.example'],
    ['encoded slash after a dot segment', '/..//evil.example'],
    ['dot segment to a second slash', '/a/..//evil.example'],
    ['invalid percent-encoding', '/%E0%A4%A'],
    ['absolute http', 'https://evil.example/dashboards'],
    ['absolute of the placeholder origin', 'http://sightline.invalid/dashboards'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['relative', 'dashboards'],
    ['empty', ''],
  ])('refuses %s', (_name, value) => {
    expect(safeCallbackPath(value)).toBe(DEFAULT_CALLBACK_PATH);
  });

  it.each([undefined, null, 42, ['/dashboards']])('refuses the non-string %j', (value) => {
    expect(safeCallbackPath(value)).toBe(DEFAULT_CALLBACK_PATH);
  });

  it.each([
    ['/', '/'],
    ['/dashboards', '/dashboards'],
    ['/d/checkout?from=now-1h&var-env=prod#panel-2', '/d/checkout?from=now-1h&var-env=prod#panel-2'],
    // an encoded newline in a query (a multi-line LogQL query) is data, not a path
    ['/logs?query=%7Bapp%3D%22shop%22%7D%0A%7C%3D%22error%22', '/logs?query=%7Bapp%3D%22shop%22%7D%0A%7C%3D%22error%22'],
    ['/a/../traces', '/traces'],
  ])('keeps the same-site path %s', (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });
});

describe('redirectWithinSite (next-auth redirect callback)', () => {
  const baseUrl = 'http://localhost:3000';
  it.each([
    ['/d/checkout?from=now-1h', 'http://localhost:3000/d/checkout?from=now-1h'],
    ['http://localhost:3000/traces', 'http://localhost:3000/traces'],
    ['/\\evil.example', 'http://localhost:3000/dashboards'],
    ['/\t/evil.example', 'http://localhost:3000/dashboards'],
    ['//evil.example', 'http://localhost:3000/dashboards'],
    ['http://localhost:3000//evil.example', 'http://localhost:3000/dashboards'],
    ['http://localhost:3000/\\evil.example', 'http://localhost:3000/dashboards'],
    ['http://localhost:3000.evil.example/x', 'http://localhost:3000/dashboards'],
    ['https://evil.example/', 'http://localhost:3000/dashboards'],
  ])('sends %s to %s', (url, expected) => {
    expect(redirectWithinSite({ url, baseUrl })).toBe(expected);
  });
});
