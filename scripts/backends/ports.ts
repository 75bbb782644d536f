import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** The upstream default ports (issue #3); tests pass free ports instead. */
export const DEFAULT_PORTS = {
  prometheus: 9090,
  alertmanager: 9093,
  jaegerQuery: 16686,
  jaegerQueryGrpc: 16685,
  jaegerOtlpHttp: 4318,
  jaegerOtlpGrpc: 4317,
  loki: 3100,
  lokiGrpc: 9095,
  postgres: 5432,
} as const;

/** Every port a backend listens on, keyed like DEFAULT_PORTS. */
export type PortName = keyof typeof DEFAULT_PORTS;

/**
 * The ports freePort hands out: from 10000 up to the start of the kernel's ephemeral range
 * (32768-60999 on Linux by default). A port the kernel chose for a listener (`listen(0)`) comes from
 * that ephemeral range too, where, between the pick and the moment a backend binds it seconds
 * later, the kernel may give it to an outgoing connection as its source port: the backend then
 * fails with EADDRINUSE. Below the range, only another listener can take it.
 */
export function portRange(ephemeralRange: string | null): { first: number; end: number } | null {
  const low = Number(ephemeralRange?.trim().split(/\s+/)[0]);
  return Number.isInteger(low) && low > 11_000 ? { first: 10_000, end: low } : null;
}

function readEphemeralRange(): string | null {
  try {
    return readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
  } catch {
    return null;
  }
}

/**
 * Walks `range` from `start` (wrapping) and returns the first port `isFree` accepts and not in
 * `taken`; null when none is. Each process starts at its own random place, so that test processes
 * picking at the same time do not walk over the same ports.
 */
export async function pickPort(range: { first: number; end: number }, start: number, taken: ReadonlySet<number>, isFree: (port: number) => Promise<boolean>): Promise<number | null> {
  const size = range.end - range.first;
  for (let i = 0; i < size; i++) {
    const port = range.first + ((start - range.first + i) % size);
    if (!taken.has(port) && (await isFree(port))) return port;
  }
  return null;
}

const handedOut = new Set<number>();
let cursor: number | null = null;

let pending: Promise<unknown> = Promise.resolve();

/** A port that is free on 127.0.0.1 now, below the ephemeral range (see portRange), never the same one twice in a process. */
export function freePort(): Promise<number> {
  // One pick at a time, so that concurrent callers never get the same port.
  const next = pending.then(pickNext, pickNext);
  pending = next;
  return next;
}

async function pickNext(): Promise<number> {
  const range = portRange(readEphemeralRange());
  if (range) {
    cursor ??= range.first + randomInt(range.end - range.first);
    const port = await pickPort(range, cursor, handedOut, isPortFree);
    if (port !== null) {
      handedOut.add(port);
      cursor = port + 1;
      return port;
    }
  }
  return kernelPort();
}

/** Asks the kernel for a port that is free on 127.0.0.1 right now (where there is no range below its own to use). */
function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('freePort: no port assigned'))));
    });
  });
}

/** True when nothing listens on 127.0.0.1:port (we can bind it ourselves). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
