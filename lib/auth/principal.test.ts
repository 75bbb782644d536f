import { describe, expect, it } from 'vitest';
import { isAllowed, type Principal } from './principal';

const user = (role: Principal['role']): Principal => ({ kind: 'user', id: 'u', name: 'u', role, scopes: [] });
const token = (role: Principal['role'], scopes: Principal['scopes']): Principal => ({ kind: 'token', id: 't', name: 't', role, scopes });

describe('isAllowed', () => {
  it('lets a role through to routes of its level and below', () => {
    expect(isAllowed(user('operator'), { role: 'viewer' }).ok).toBe(true);
    expect(isAllowed(user('operator'), { role: 'operator' }).ok).toBe(true);
    expect(isAllowed(user('operator'), { role: 'developer' })).toEqual({ ok: false, reason: 'this needs the developer role; you have operator' });
  });

  it('requires the api scope for a token to act with its role', () => {
    expect(isAllowed(token('admin', ['api']), { role: 'admin' }).ok).toBe(true);
    expect(isAllowed(token('admin', ['deploy']), { role: 'viewer' })).toEqual({ ok: false, reason: 'this token lacks the "api" scope' });
  });

  it('lets a scoped token use the scoped route regardless of its role, but never a user without the role', () => {
    expect(isAllowed(token('viewer', ['deploy']), { scope: 'deploy', role: 'admin' }).ok).toBe(true);
    expect(isAllowed(user('operator'), { scope: 'deploy', role: 'admin' }).ok).toBe(false);
    expect(isAllowed(user('operator'), { scope: 'metrics' })).toEqual({ ok: false, reason: 'this needs a token with the "metrics" scope' });
  });
});
