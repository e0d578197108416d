import { describe, expect, it } from 'vitest';
import { limiter } from './limiter';

describe('limiter', () => {
  it('runs at most `slots` tasks at once, the rest in the order they came, and every task ends', async () => {
    const limit = limiter(2);
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 5 + (i % 3)));
      active--;
      if (i === 3) throw new Error('task 3 fails');
      return i;
    };
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => limit.run(task(i))));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([0, 1, 2, 'failed', 4, 5, 6, 7, 8, 9]);
    expect({ running: limit.running, waiting: limit.waiting }).toEqual({ running: 0, waiting: 0 });
  });

  it('a failed task frees its slot', async () => {
    const limit = limiter(1);
    await expect(limit.run(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await limit.run(async () => 'next')).toBe('next');
  });
});
