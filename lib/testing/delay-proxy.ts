import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that holds every chunk coming back from the target for `delayMs`
 * (changeable while running): it makes a real backend slow for fault tests without touching it.
 */
export interface DelayProxy {
  /** http://127.0.0.1:<port> of the proxy. */
  url: string;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

/** Starts a proxy in front of `target` (host:port or http URL). */
export async function startDelayProxy(target: string, delayMs = 0): Promise<DelayProxy> {
  const t = new URL(target.includes('://') ? target : `http://${target}`);
  let delay = delayMs;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(t.port), t.hostname);
    sockets.add(client).add(upstream);
    let chain = Promise.resolve();
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      const wait = delay;
      // Chained so chunks keep their order whatever the delay was when each arrived.
      chain = chain.then(() => new Promise<void>((r) => setTimeout(r, wait))).then(() => {
        if (!client.destroyed) client.write(chunk);
      });
    });
    upstream.on('end', () => void chain.then(() => client.end()));
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    upstream.on('error', drop);
    client.on('error', drop);
    client.on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setDelay: (ms) => {
      delay = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
