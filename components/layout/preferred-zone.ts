'use client';

import { useSyncExternalStore } from 'react';
import { isTimeZone } from '@/lib/dashboards/time-settings';

/**
 * The time zone of every page but a dashboard (which has its own): UTC, or the browser's own zone,
 * chosen in the header and remembered in this browser. The choice is stored, not the zone, so that
 * "local" follows the machine. Rendered as UTC on the server and until the page is interactive.
 */

export type ZoneChoice = 'UTC' | 'local';

const KEY = 'sightline-time-zone';
const listeners = new Set<() => void>();
/** This page's choice, for when storage is blocked; cleared when another tab chooses. */
let memory: ZoneChoice | null = null;

/** The browser's own IANA zone (UTC when it has none). */
export function browserZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

function storedChoice(): ZoneChoice {
  try {
    return localStorage.getItem(KEY) === 'local' ? 'local' : 'UTC';
  } catch {
    return 'UTC'; // storage blocked: the default
  }
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab's choice applies here too.
  const onStorage = (e: StorageEvent) => {
    if (e.key !== KEY) return;
    memory = null;
    onChange();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/** Remembers the choice and shows every time on the page in it at once. */
export function choosePreferredZone(choice: ZoneChoice): void {
  try {
    localStorage.setItem(KEY, choice);
  } catch {
    // storage blocked: the choice lasts until the page is left
  }
  memory = choice;
  for (const l of listeners) l();
}

const currentChoice = (): ZoneChoice => memory ?? storedChoice();

/** The chosen zone choice ('UTC' on the server). */
export function usePreferredZoneChoice(): ZoneChoice {
  return useSyncExternalStore(subscribe, currentChoice, () => 'UTC');
}


const never = () => () => undefined;
/** The browser's zone once the page is interactive; null on the server. */
export function useBrowserZone(): string | null {
  return useSyncExternalStore(never, browserZone, () => null);
}

/** The IANA zone to show times in outside dashboards. */
export function usePreferredZone(): string {
  const local = useBrowserZone();
  return usePreferredZoneChoice() === 'local' && local ? local : 'UTC';
}
