import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { HttpClient } from '@/lib/datasources/http';
import { testHttpClient } from './test-http';
import type { DatasourceName } from '@/lib/datasources/types';

/** A captured upstream answer (see scripts/fixtures/capture.ts). */
export interface Fixture {
  request: { method: string; url: string; form?: Record<string, string>; headers?: Record<string, string> };
  status: number;
  contentType: string;
  body: unknown;
}

const dir = (ds: DatasourceName) => path.resolve(import.meta.dirname, '../datasources', ds, '__fixtures__');

/** Names (without .json) of every fixture captured for a datasource. */
export function listFixtures(ds: DatasourceName): string[] {
  return readdirSync(dir(ds))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Reads one fixture. */
export function loadFixture(ds: DatasourceName, name: string): Fixture {
  return JSON.parse(readFileSync(path.join(dir(ds), `${name}.json`), 'utf8')) as Fixture;
}

/** An HTTP client whose every request is answered with the fixture, byte for byte as captured. */
export function fixtureHttp(ds: DatasourceName, name: string | string[]): { http: HttpClient; urls: string[]; headers: Record<string, string>[] } {
  const names = Array.isArray(name) ? [...name] : [name];
  const urls: string[] = [];
  const headers: Record<string, string>[] = [];
  const fetchFixture = (async (input: string | URL | Request, init?: RequestInit) => {
    urls.push(String(input) + (typeof init?.body === 'string' ? ` ${init.body}` : ''));
    headers.push((init?.headers ?? {}) as Record<string, string>);
    const f = loadFixture(ds, names.length > 1 ? names.shift()! : names[0]!);
    const text = typeof f.body === 'string' ? f.body : JSON.stringify(f.body);
    return new Response(text, { status: f.status, headers: { 'content-type': f.contentType } });
  }) as typeof fetch;
  const http = testHttpClient(ds, `http://${ds}.fixture`, { fetch: fetchFixture });
  return { http, urls, headers };
}
