'use client';

import { signOut } from 'next-auth/react';

/** Who is signed in, with what role, and the way out. */
export function UserMenu({ name, role }: { name: string; role: string }) {
  return (
    <div className="flex items-center gap-2 text-xs">
      <span className="text-[var(--muted)]" data-testid="current-user">
        {name} · <span className="font-medium text-[var(--text)]">{role}</span>
      </span>
      <button type="button" className="rounded border border-[var(--border)] px-2 py-1 hover:bg-[var(--panel-2)]" onClick={() => signOut({ callbackUrl: '/signin' })}>
        Sign out
      </button>
    </div>
  );
}
