'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { useHydrated } from '@/components/ui/use-hydrated';
import { fetchJson } from '@/lib/queries/fetch-json';
import { queryKeys } from '@/lib/queries/keys';
import { ShownTime } from '@/components/ui/shown-time';

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  role: string;
  scopes: string[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const ROLES = ['viewer', 'operator', 'developer', 'admin'];
const SCOPES = ['api', 'deploy', 'metrics'];
const fmt = (iso: string | null) => (iso ? <ShownTime t={Date.parse(iso)} /> : '—');

/** Admin view of API tokens: create (secret shown once), list, revoke. */
export function TokenManager() {
  const qc = useQueryClient();
  const hydrated = useHydrated();
  const tokens = useQuery({ queryKey: queryKeys.tokens(), queryFn: () => fetchJson<{ tokens: TokenRow[] }>('/api/admin/tokens') });
  const [name, setName] = useState('');
  const [role, setRole] = useState('operator');
  const [scopes, setScopes] = useState<string[]>(['api']);
  const [secret, setSecret] = useState<string | null>(null);
  const toggleScope = (scope: string, on: boolean) => setScopes((cur) => (on ? (cur.includes(scope) ? cur : [...cur, scope]) : cur.filter((x) => x !== scope)));
  const form = useRef<HTMLFormElement>(null);
  // What was typed, chosen or ticked before the page was interactive is what gets created.
  useEarlyInput(form, (control) => {
    if (control.name === 'name') setName(control.value);
    else if (control.name === 'role') setRole(control.value);
    else if (control.name === 'scopes' && control instanceof HTMLInputElement) toggleScope(control.value, control.checked);
  });
  const create = useMutation({
    mutationFn: () => fetchJson<{ secret: string }>('/api/admin/tokens', { method: 'POST', body: JSON.stringify({ name, role, scopes }) }),
    onSuccess: (r) => {
      setSecret(r.secret);
      setName('');
      void qc.invalidateQueries({ queryKey: queryKeys.tokens() });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/admin/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.tokens() }),
  });

  return (
    <section aria-labelledby="tokens-h" className="rounded border border-[var(--border)] bg-[var(--panel)] p-4">
      <h2 id="tokens-h" className="mb-3 font-semibold">API tokens</h2>
      <form ref={form} className="mb-4 flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <label className="flex flex-col text-xs">Name<input name="name" required value={name} onChange={(e) => setName(e.target.value)} className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm" /></label>
        <label className="flex flex-col text-xs">Role
          <select name="role" value={role} onChange={(e) => setRole(e.target.value)} className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm">{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        </label>
        <fieldset className="flex items-center gap-2 text-xs"><legend className="sr-only">Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s} className="flex items-center gap-1"><input type="checkbox" name="scopes" value={s} checked={scopes.includes(s)} onChange={(e) => toggleScope(s, e.target.checked)} />{s}</label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending || !hydrated} className="rounded bg-[var(--accent)] px-3 py-1 text-white">Create token</button>
      </form>
      {create.error && <p role="alert" className="mb-2 text-[var(--bad)]">{create.error.message}</p>}
      {secret && (
        <div role="status" className="mb-4 rounded border border-[var(--warn)] p-2">
          <p className="text-xs">Copy this secret now; it is not shown again.</p>
          <code data-testid="new-token-secret" className="break-all font-mono">{secret}</code>
        </div>
      )}
      {tokens.isPending && <p>Loading tokens…</p>}
      {tokens.error && <p role="alert" className="text-[var(--bad)]">Could not load tokens: {tokens.error.message}</p>}
      {tokens.data && (
        <table className="w-full text-left text-xs">
          <thead className="text-[var(--muted)]"><tr><th>Name</th><th>Prefix</th><th>Role</th><th>Scopes</th><th>Created</th><th>Last used</th><th>Status</th><th /></tr></thead>
          <tbody>
            {tokens.data.tokens.map((t) => (
              <tr key={t.id} className="border-t border-[var(--border)]">
                <td className="py-1">{t.name}</td><td className="font-mono">{t.prefix}…</td><td>{t.role}</td><td>{t.scopes.join(', ')}</td>
                <td>{fmt(t.createdAt)}{t.createdBy ? ` by ${t.createdBy}` : ''}</td><td>{fmt(t.lastUsedAt)}</td><td>{t.revokedAt ? <>revoked {fmt(t.revokedAt)}</> : 'active'}</td>
                <td>{!t.revokedAt && <button type="button" onClick={() => revoke.mutate(t.id)} className="text-[var(--bad)] underline">Revoke</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
