import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { SideNav } from '@/components/layout/side-nav';
import { ThemeToggle } from '@/components/layout/theme-toggle';
import { TimeRangePicker } from '@/components/layout/time-range-picker';
import { UserMenu } from '@/components/layout/user-menu';
import { CorrelationSearch } from '@/components/search/correlation-search';
import { requirePageRole } from '@/lib/auth/session';
import { navFor } from '@/lib/navigation/nav';

/** The signed-in shell: left navigation for the user's role, header with the global time range. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user } = await requirePageRole('viewer');
  const items = navFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <div className="flex min-h-screen">
      <SideNav items={items} />
      <div className="flex min-w-0 flex-1 flex-col">
        <header data-app-header className="flex h-11 items-center justify-end gap-3 border-b border-[var(--border)] bg-[var(--panel)] px-4">
          <Suspense>
            <CorrelationSearch />
          </Suspense>
          <Suspense>
            <TimeRangePicker />
          </Suspense>
          <ThemeToggle />
          <UserMenu name={user.name} role={user.role} />
        </header>
        <main className="min-w-0 flex-1 p-4">{children}</main>
      </div>
    </div>
  );
}
