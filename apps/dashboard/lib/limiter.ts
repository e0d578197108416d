/**
 * At most `slots` tasks at once; the others wait their turn, first come first served. The page cache renders
 * through one: fifty new pages started together would each run their seven chart queries side by side, so
 * every query waited behind all the others for a connection and many reached the query time limit, where
 * a few at a time each finish in their own time and the rest wait before any query starts.
 */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function limiter(slots: number): Limiter {
  const max = Math.max(1, slots);
  let running = 0;
  const queue: (() => void)[] = [];
  /** A finished task hands its slot to the first waiter, or frees it. */
  const next = () => {
    const waiter = queue.shift();
    if (waiter) waiter();
    else running--;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= max) await new Promise<void>((resolve) => queue.push(resolve));
      else running++;
      try {
        return await task();
      } finally {
        next();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
