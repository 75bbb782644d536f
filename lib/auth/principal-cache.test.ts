import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from './principal';
import { forgetPrincipals, PRINCIPAL_CACHE_MS, rememberPrincipal } from './principal-cache';

const alice = (role: Principal['role']): Principal => ({ kind: 'user', id: 'u1', name: 'alice@example.com', role, scopes: [] });

describe('rememberPrincipal', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    forgetPrincipals();
  });
  afterEach(() => vi.useRealTimers());

  it('resolves a credential once, and a changed role shows after PRINCIPAL_CACHE_MS', async () => {
    let role: Principal['role'] = 'developer';
    const resolve = vi.fn(async () => ({ principal: alice(role) }));
    expect((await rememberPrincipal('k', resolve))?.role).toBe('developer');
    role = 'viewer';
    vi.advanceTimersByTime(PRINCIPAL_CACHE_MS - 1);
    expect((await rememberPrincipal('k', resolve))?.role).toBe('developer');
    vi.advanceTimersByTime(1);
    expect((await rememberPrincipal('k', resolve))?.role).toBe('viewer');
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('shares one resolution between concurrent requests', async () => {
    const resolve = vi.fn(async () => ({ principal: alice('admin') }));
    const all = await Promise.all(Array.from({ length: 20 }, () => rememberPrincipal('k', resolve)));
    expect(all.every((p) => p?.role === 'admin')).toBe(true);
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  it('does not keep unknown credentials or failures', async () => {
    const unknown = vi.fn(async () => null);
    expect(await rememberPrincipal('a', unknown)).toBeNull();
    expect(await rememberPrincipal('a', unknown)).toBeNull();
    expect(unknown).toHaveBeenCalledTimes(2);
    const broken = vi.fn(async () => Promise.reject(new Error('database is down')));
    await expect(rememberPrincipal('b', broken)).rejects.toThrow('database is down');
    await expect(rememberPrincipal('b', broken)).rejects.toThrow('database is down');
    expect(broken).toHaveBeenCalledTimes(2);
  });

  it('never serves a principal past its credential expiry', async () => {
    const resolve = vi.fn(async () => ({ principal: alice('operator'), expiresAtMs: Date.now() + 1_000 }));
    await rememberPrincipal('k', resolve);
    vi.advanceTimersByTime(1_000);
    await rememberPrincipal('k', resolve);
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('forgets everything on request, e.g. after a token is revoked', async () => {
    const resolve = vi.fn(async () => ({ principal: alice('operator') }));
    await rememberPrincipal('k', resolve);
    forgetPrincipals();
    await rememberPrincipal('k', resolve);
    expect(resolve).toHaveBeenCalledTimes(2);
  });
});
