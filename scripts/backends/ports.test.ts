import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freePort, isPortFree, pickPort, portRange } from './ports';

describe('portRange', () => {
  it('is 10000 up to the start of the kernel ephemeral range', () => {
    expect(portRange('32768\t60999\n')).toEqual({ first: 10_000, end: 32_768 });
  });

  it('is none when the ephemeral range leaves no room below it or cannot be read', () => {
    expect(portRange('1024 65535')).toBeNull();
    expect(portRange(null)).toBeNull();
    expect(portRange('garbage')).toBeNull();
  });
});

describe('pickPort', () => {
  const range = { first: 100, end: 110 };

  it('walks from the start, skipping ports that are taken or busy, and wraps around', async () => {
    const busy = new Set([108, 109]);
    expect(await pickPort(range, 107, new Set([107]), async (p) => !busy.has(p))).toBe(100);
    expect(await pickPort(range, 103, new Set(), async () => true)).toBe(103);
  });

  it('is null when every port is taken or busy', async () => {
    expect(await pickPort(range, 105, new Set([100, 101]), async (p) => p < 102)).toBeNull();
  });
});

describe('freePort', () => {
  it('hands out distinct, bindable ports below the ephemeral range, also to concurrent callers', async () => {
    const range = portRange(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'));
    expect(range).not.toBeNull(); // Debian's default range leaves 10000-32767 below it
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(range!.first);
      expect(p).toBeLessThan(range!.end);
      expect(await isPortFree(p)).toBe(true);
    }
  });
});
