'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False during server rendering and hydration, true once React owns the page. Forms keep their
 * submit buttons disabled until then, so an early click never falls through to a native GET
 * submission that would put the form's fields (passwords included) in the URL.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
