'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavLink {
  href: string;
  label: string;
}

/** The left navigation; the server decides which links a role gets. */
export function SideNav({ items }: { items: NavLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex w-48 shrink-0 flex-col gap-0.5 border-r border-[var(--border)] bg-[var(--panel)] p-2">
      <Link href="/dashboards" className="mb-3 px-2 py-1.5 text-base font-semibold tracking-tight">
        Sightline
      </Link>
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(item.href + '/');
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded px-2 py-1.5 ${active ? 'bg-[var(--panel-2)] font-medium text-[var(--accent)]' : 'text-[var(--text)] hover:bg-[var(--panel-2)]'}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
