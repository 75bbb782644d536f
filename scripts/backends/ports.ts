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

/** Asks the kernel for a port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
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
