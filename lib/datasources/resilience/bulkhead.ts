/**
 * A bulkhead: at most `maxConcurrent` calls at once; up to `maxQueue` more wait in FIFO order for
 * at most `queueTimeoutMs`. A full queue, a queue timeout or the caller's abort reject the wait.
 */
export interface BulkheadConfig {
  maxConcurrent: number;
  maxQueue: number;
  queueTimeoutMs: number;
}

/** Why a bulkhead refused a call. */
export class BulkheadRejection extends Error {
  override name = 'BulkheadRejection';
  constructor(readonly reason: 'queue_full' | 'queue_timeout' | 'aborted') {
    super(`bulkhead: ${reason}`);
  }
}

interface Waiter {
  resolve: () => void;
  reject: (r: BulkheadRejection) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Creates a bulkhead; `onChange` reports in-flight and queued counts for metrics. */
export function createBulkhead(config: BulkheadConfig, onChange?: (inFlight: number, queued: number) => void) {
  let inFlight = 0;
  const queue: Waiter[] = [];
  const report = () => onChange?.(inFlight, queue.length);

  const release = () => {
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve(); // the slot passes straight to the next waiter
    } else inFlight--;
    report();
  };

  return {
    /** Waits for a slot; resolves to the function that gives it back (call it exactly once). */
    async acquire(signal?: AbortSignal): Promise<() => void> {
      if (signal?.aborted) throw new BulkheadRejection('aborted');
      if (inFlight < config.maxConcurrent) {
        inFlight++;
        report();
        return once(release);
      }
      if (queue.length >= config.maxQueue) throw new BulkheadRejection('queue_full');
      await new Promise<void>((resolve, reject) => {
        const remove = () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          report();
        };
        const onAbort = () => {
          clearTimeout(waiter.timer);
          remove();
          reject(new BulkheadRejection('aborted'));
        };
        const waiter: Waiter = {
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          reject,
          timer: setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            remove();
            reject(new BulkheadRejection('queue_timeout'));
          }, config.queueTimeoutMs),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
        report();
      });
      return once(release);
    },
    /** Calls running now and calls waiting. */
    stats: () => ({ inFlight, queued: queue.length }),
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}

export type Bulkhead = ReturnType<typeof createBulkhead>;
