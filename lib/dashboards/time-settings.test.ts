import { describe, expect, it } from 'vitest';
import { refreshMsOf } from './time-settings';

describe('refreshMsOf', () => {
  it('reads "off" as off and an interval as its milliseconds, whatever the default', () => {
    expect(refreshMsOf('off', '30s')).toBe(false);
    expect(refreshMsOf('5m', 'off')).toBe(300_000);
    expect(refreshMsOf('1m', '30s')).toBe(60_000);
  });

  it('reads a missing or unknown value as the page\u2019s default', () => {
    expect(refreshMsOf(null, '30s')).toBe(30_000);
    expect(refreshMsOf(null, 'off')).toBe(false);
    expect(refreshMsOf('often', '1m')).toBe(60_000);
    expect(refreshMsOf('', '30s')).toBe(30_000);
  });
});
