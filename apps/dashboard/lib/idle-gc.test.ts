import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fullGc, idleCollector } from './idle-gc';

describe('idleCollector', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('collects once after a busy period has been quiet for the idle time, never during it', () => {
    const collect = vi.fn();
    const idle = idleCollector(10_000, collect);
    for (let i = 0; i < 50; i++) {
      idle.noteActivity();
      vi.advanceTimersByTime(9_000); // a request every 9 s: never idle for 10 s
    }
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(collect).toHaveBeenCalledTimes(1); // quiet server: no collection every 10 s
    idle.noteActivity();
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(2);
    expect(idle.collections).toBe(2);
  });

  it('waits for work in flight: a long render or query postpones it until 10 s after the last one ends', () => {
    const collect = vi.fn();
    const idle = idleCollector(10_000, collect);
    idle.noteActivity();
    const endRender = idle.begin();
    const endQuery = idle.begin();
    vi.advanceTimersByTime(60_000); // no request arrives while they run
    expect(collect).not.toHaveBeenCalled();
    endQuery();
    vi.advanceTimersByTime(30_000);
    expect(collect).not.toHaveBeenCalled();
    endRender();
    endRender(); // ending twice counts once
    vi.advanceTimersByTime(9_999);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('0 turns it off', () => {
    const collect = vi.fn();
    const idle = idleCollector(0, collect);
    idle.noteActivity();
    vi.advanceTimersByTime(3_600_000);
    expect(collect).not.toHaveBeenCalled();
  });
});

describe('fullGc', () => {
  it('gives V8’s collector without node --expose-gc, and it frees what nothing holds', async () => {
    const gc = fullGc();
    expect(gc).toBeTypeOf('function');
    const ref = new WeakRef(Array.from({ length: 200_000 }, (_, i) => ({ i })));
    await new Promise((r) => setImmediate(r)); // a WeakRef keeps its target to the end of the job that made it
    gc!();
    expect(ref.deref()).toBeUndefined();
  });
});
