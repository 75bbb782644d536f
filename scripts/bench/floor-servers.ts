// Started by bff-floor.ts: `tsx scripts/bench/floor-servers.ts <prometheusUrl>`; prints {"bare":port,"proxy":port}.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

/**
 * The reference servers of bff-floor.ts, in a process of their own as the BFF is (in the measuring
 * process they would share its event loop): a bare node:http server answering the 15 bytes of
 * /api/health, and a thin proxy for Prometheus' range API at `/`: the upstream call over
 * keep-alive, the JSON parsed and serialized again, gzip level 1 when the client accepts it and the
 * body is 1 KB or more (what any Node BFF must do at least, and what Sightline's server does to
 * encode). Ends on SIGTERM.
 */

const prometheusUrl = process.argv[2];
if (!prometheusUrl) throw new Error('usage: floor-servers.ts <prometheusUrl>');
const agent = new http.Agent({ keepAlive: true });

const health = JSON.stringify({ status: 'ok' });
const bare = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(health));

const proxy = http.createServer((req, res) => {
  const url = req.url ?? '/';
  const search = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  http
    .get(`${prometheusUrl}/api/v1/query_range${search}`, { agent, headers: { accept: 'application/json', 'accept-encoding': 'identity' } }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const body = Buffer.from(JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        const gzip = body.length >= 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
        const out = gzip ? zlib.gzipSync(body, { level: 1 }) : body;
        res.writeHead(up.statusCode ?? 502, { 'content-type': 'application/json', 'content-length': out.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) }).end(out);
      });
    })
    .on('error', (err) => res.writeHead(502).end(String(err)));
});

const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const ports = { bare: await listen(bare), proxy: await listen(proxy) };
process.stdout.write(`${JSON.stringify(ports)}\n`);
process.once('SIGTERM', () => process.exit(0));
