'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';

/**
 * Changes the page's URL parameters, where the views keep their state (shareable, and Back works):
 * each change sets a parameter, or removes it when null or empty; the others stay. `scroll: false`
 * keeps the scroll position, for views whose results sit below their controls.
 */
export function useUrlUpdate(opts: { scroll?: boolean } = {}): (changes: Record<string, string | null>) => void {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (changes) => {
    const next = new URLSearchParams(params.toString());
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    router.push(`${pathname}?${next.toString()}`, opts.scroll === false ? { scroll: false } : undefined);
  };
}
