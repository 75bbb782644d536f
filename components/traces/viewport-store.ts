/** The rows the waterfall shows right now: first and last visible row, out of `total`. */
export interface Viewport {
  first: number;
  last: number;
  total: number;
}

/** A tiny external store, so scrolling the waterfall re-renders the minimap's frame and nothing else. */
export interface ViewportStore {
  get: () => Viewport;
  set: (next: Viewport) => void;
  subscribe: (listener: () => void) => () => void;
}

/** Creates a viewport store for useSyncExternalStore. */
export function createViewportStore(): ViewportStore {
  let current: Viewport = { first: 0, last: 0, total: 0 };
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (next) => {
      if (next.first === current.first && next.last === current.last && next.total === current.total) return;
      current = next;
      for (const l of listeners) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
