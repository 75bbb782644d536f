'use client';

import { useEffect, useRef, useState } from 'react';
import type { LogEntry } from '@/lib/datasources/types';
import { fetchLogQuery } from '@/lib/queries/logs';

/** How often follow mode asks Loki for newer lines. */
export const FOLLOW_INTERVAL_MS = 3_000;
/** Lines kept while following; the oldest fall off so a long session stays light. */
export const FOLLOW_MAX_LINES = 10_000;

/** Identity of a line across queries (the entry id's trailing index differs between answers). */
const lineKey = (e: LogEntry) => `${e.id.slice(0, e.id.lastIndexOf(':'))}|${e.line}`;

/** Appends `more` (oldest first) to `base`, skipping lines already present, keeping at most `max`. */
export function appendNewLines(base: LogEntry[], more: LogEntry[], max = FOLLOW_MAX_LINES): LogEntry[] {
  if (more.length === 0) return base;
  const seen = new Set(base.slice(-2_000).map(lineKey)); // new lines can only overlap the newest ones
  const added = more.filter((e) => !seen.has(lineKey(e)));
  if (added.length === 0) return base;
  const all = [...base, ...added];
  return all.length > max ? all.slice(all.length - max) : all;
}

/**
 * While `active`, polls for lines newer than the newest shown (from its millisecond, forward;
 * duplicates at that millisecond are dropped) and returns them all oldest first.
 */
export function useFollowLogs(query: string, initial: LogEntry[], active: boolean, onError: (message: string) => void) {
  const [entries, setEntries] = useState(initial);
  const [base, setBase] = useState(initial);
  if (base !== initial) {
    // A new answer to the query replaces what follow mode appended.
    setBase(initial);
    setEntries(initial);
  }
  const latest = useRef(entries);
  useEffect(() => {
    latest.current = entries;
  }, [entries]);

  useEffect(() => {
    if (!active || !query) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const newest = latest.current.at(-1);
      const from = String(newest ? newest.t : Date.now() - FOLLOW_INTERVAL_MS);
      try {
        const r = await fetchLogQuery({ query, from, to: String(Date.now() + 1), direction: 'forward', limit: 1_000 }, ctrl.signal);
        if (r.kind === 'logs') setEntries((old) => appendNewLines(old, r.data));
      } catch (err) {
        if (!ctrl.signal.aborted) onError(err instanceof Error ? err.message : String(err));
      }
      if (!ctrl.signal.aborted) timer = setTimeout(poll, FOLLOW_INTERVAL_MS);
    };
    timer = setTimeout(poll, FOLLOW_INTERVAL_MS);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [active, query, onError]);

  return entries;
}
