'use client';

import { usePathname } from 'next/navigation';

/** "No SLO with id …", reading the id from the URL (Next's not-found pages get no params). */
export function MissingSloId() {
  const id = decodeURIComponent(usePathname().split('/').filter(Boolean).pop() ?? '');
  return <>No SLO with id “{id}”</>;
}
