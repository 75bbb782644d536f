'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { useHydrated } from '@/components/ui/use-hydrated';
import { fetchJson } from '@/lib/queries/fetch-json';
import { queryKeys } from '@/lib/queries/keys';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  signIn: string;
  lastLoginAt: string | null;
}

const ROLES = ['viewer', 'operator', 'developer', 'admin'];
const input = 'rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm';

/** Admin view of users: add a password user, change roles. */
export function UserManager() {
  const qc = useQueryClient();
  const hydrated = useHydrated();
  const users = useQuery({ queryKey: queryKeys.users(), queryFn: () => fetchJson<{ users: UserRow[] }>('/api/admin/users') });
  const [form, setForm] = useState({ email: '', name: '', role: 'viewer', password: '' });
  const refresh = () => void qc.invalidateQueries({ queryKey: queryKeys.users() });
  const create = useMutation({
    mutationFn: () => fetchJson('/api/admin/users', { method: 'POST', body: JSON.stringify(form) }),
    onSuccess: () => {
      setForm({ email: '', name: '', role: 'viewer', password: '' });
      refresh();
    },
  });
  const setRole = useMutation({
    mutationFn: ({ id, role }: { id: string; role: string }) => fetchJson(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify({ role }) }),
    onSettled: refresh,
  });
  const setField = (key: string, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const formRef = useRef<HTMLFormElement>(null);
  // What was typed or chosen before the page was interactive is what gets added.
  useEarlyInput(formRef, (control) => {
    if (Object.hasOwn(form, control.name)) setField(control.name, control.value);
  });
  const field = (key: keyof typeof form) => ({ name: key, value: form[key], onChange: (e: { target: { value: string } }) => setField(key, e.target.value) });

  return (
    <section aria-labelledby="users-h" className="mb-4 rounded border border-[var(--border)] bg-[var(--panel)] p-4">
      <h2 id="users-h" className="mb-3 font-semibold">Users</h2>
      <form ref={formRef} className="mb-4 flex flex-wrap items-end gap-2 text-xs" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <label className="flex flex-col">Email<input required type="email" className={input} {...field('email')} /></label>
        <label className="flex flex-col">Name<input required className={input} {...field('name')} /></label>
        <label className="flex flex-col">Role<select className={input} {...field('role')}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></label>
        <label className="flex flex-col">Initial password<input required type="password" minLength={12} autoComplete="new-password" className={input} {...field('password')} /></label>
        <button type="submit" disabled={create.isPending || !hydrated} className="rounded bg-[var(--accent)] px-3 py-1 text-sm text-white">Add user</button>
      </form>
      {create.error && <p role="alert" className="mb-2 text-[var(--bad)]">{create.error.message}</p>}
      {setRole.error && <p role="alert" className="mb-2 text-[var(--bad)]">{setRole.error.message}</p>}
      {users.isPending && <p>Loading users…</p>}
      {users.error && <p role="alert" className="text-[var(--bad)]">Could not load users: {users.error.message}</p>}
      {users.data && (
        <table className="w-full text-left text-xs">
          <thead className="text-[var(--muted)]"><tr><th>Email</th><th>Name</th><th>Sign-in</th><th>Last sign-in</th><th>Role</th></tr></thead>
          <tbody>
            {users.data.users.map((u) => (
              <tr key={u.id} className="border-t border-[var(--border)]">
                <td className="py-1">{u.email}</td><td>{u.name}</td><td>{u.signIn}</td><td>{u.lastLoginAt?.replace('T', ' ').slice(0, 16) ?? 'never'}</td>
                <td>
                  <select aria-label={`Role of ${u.email}`} value={u.role} onChange={(e) => setRole.mutate({ id: u.id, role: e.target.value })} className={input}>
                    {ROLES.map((r) => <option key={r}>{r}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
