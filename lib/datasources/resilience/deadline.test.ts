import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from './deadline';

describe('withDeadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("aborts with the timeout's reason when the time runs out, and says so", () => {
    const parent = new AbortController();
    const d = withDeadline(parent.signal, 1000, () => new Error('too slow'));
    vi.advanceTimersByTime(999);
    expect(d.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(d.signal.aborted).toBe(true);
    expect(d.expired).toBe(true);
    expect((d.signal.reason as Error).message).toBe('too slow');
  });

  it("aborts with the caller's reason when the caller aborts first, and is not expired", () => {
    const parent = new AbortController();
    const d = withDeadline(parent.signal, 1000, () => new Error('too slow'));
    parent.abort('client left');
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBe('client left');
    expect(d.expired).toBe(false);
  });

  it('starts aborted when the caller already has', () => {
    const parent = new AbortController();
    parent.abort('gone');
    const d = withDeadline(parent.signal, 1000, () => 'late');
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBe('gone');
  });

  it('works without a caller signal', () => {
    const d = withDeadline(undefined, 50, () => 'late');
    vi.advanceTimersByTime(50);
    expect(d.signal.reason).toBe('late');
  });

  it('after dispose, neither the timer nor the caller aborts it, and no listener is left on the caller', () => {
    const parent = new AbortController();
    const add = vi.spyOn(parent.signal, 'addEventListener');
    const remove = vi.spyOn(parent.signal, 'removeEventListener');
    const d = withDeadline(parent.signal, 1000, () => 'late');
    d.dispose();
    expect(remove).toHaveBeenCalledWith('abort', add.mock.calls[0]![1]);
    vi.advanceTimersByTime(5000);
    parent.abort('gone');
    expect(d.signal.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
