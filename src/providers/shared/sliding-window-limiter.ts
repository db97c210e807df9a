export interface SlidingWindowLimiterOptions {
  /** At most this many acquisitions… */
  limit: number;
  /** …in any window of this many milliseconds. */
  windowMs: number;
  /** @defaultValue Date.now */
  clock?: () => number;
  /** @defaultValue a setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A client-side rate limit: at most `limit` starts in any `windowMs` interval, callers served in
 * the order they asked. A sliding log rather than a token bucket, because the provider counts the
 * same way (requests in the last second) and a bucket would allow a burst of `limit` right after a
 * burst that ended just under a second ago.
 */
export class SlidingWindowLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly starts: number[] = [];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: SlidingWindowLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError("limit must be a whole number ≥ 1");
    if (!(options.windowMs > 0)) throw new RangeError("windowMs must be > 0");
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Resolves when the caller may start its request; the start is counted at that moment. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.take());
    // One caller's failure (a throwing sleep) must not block the ones behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Nobody starts before `untilMs` (e.g. the provider answered 429 with Retry-After). */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  private async take(): Promise<void> {
    for (;;) {
      const now = this.clock();
      while (this.starts.length > 0 && now - this.starts[0]! >= this.windowMs) this.starts.shift();
      if (this.pausedUntil > now) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      await this.sleep(this.starts[0]! + this.windowMs - now);
    }
  }
}
