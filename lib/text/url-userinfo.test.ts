import { describe, expect, it } from 'vitest';
import { stripUrlUserinfo } from './url-userinfo';

describe('stripUrlUserinfo', () => {
  it('takes user:password out of every URL in a text, a password with @ included', () => {
    expect(stripUrlUserinfo('http://admin:s3cret@prom:9090/api/v1/query')).toBe('http://prom:9090/api/v1/query');
    expect(stripUrlUserinfo('fetch http://u:p@a@loki:3100 failed, then https://x@jaeger:16686')).toBe('fetch http://loki:3100 failed, then https://jaeger:16686');
  });

  it('leaves URLs without userinfo and an @ in a path or query alone', () => {
    expect(stripUrlUserinfo('http://prom:9090/api/v1/series?match[]=up@1700000000')).toBe('http://prom:9090/api/v1/series?match[]=up@1700000000');
    expect(stripUrlUserinfo('no url here: a@b')).toBe('no url here: a@b');
  });
});
