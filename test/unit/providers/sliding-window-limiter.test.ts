import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "../../../src/providers/shared/sliding-window-limiter";

/** A clock that only moves when someone sleeps: the limiter's timing, without real waiting. */
function virtualTime() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
    get now() {
      return now;
    },
  };
}

function maxInAnyWindow(starts: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0; i < starts.length; i++) {
    const inWindow = starts.filter((t) => t >= starts[i]! && t - starts[i]! < windowMs).length;
    max = Math.max(max, inWindow);
  }
  return max;
}

describe("SlidingWindowLimiter", () => {
  it("lets 5 through at once, then spaces the rest by the window", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 1000, clock: time.clock, sleep: time.sleep });
    const starts: number[] = [];
    const t0 = time.now;
    await Promise.all(Array.from({ length: 12 }, () => limiter.acquire().then(() => starts.push(time.now))));
    expect(starts.slice(0, 5).every((t) => t === t0)).toBe(true);
    expect(starts.slice(5, 10).every((t) => t === t0 + 1000)).toBe(true);
    expect(starts.slice(10).every((t) => t === t0 + 2000)).toBe(true);
    expect(maxInAnyWindow(starts, 1000)).toBe(5);
  });

  it("serves callers in the order they asked", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 100, clock: time.clock, sleep: time.sleep });
    const order: number[] = [];
    await Promise.all(Array.from({ length: 7 }, (_, i) => limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("does not wait when calls are already spread out", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 1000, clock: time.clock, sleep: time.sleep });
    for (let i = 0; i < 20; i++) {
      await limiter.acquire();
      time.advance(250);
    }
    expect(time.sleeps).toEqual([]);
  });

  it("holds everyone back while paused (Retry-After)", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 1000, clock: time.clock, sleep: time.sleep });
    limiter.pauseUntil(time.now + 3000);
    const t0 = time.now;
    await limiter.acquire();
    expect(time.now - t0).toBe(3000);
  });

  it("keeps going after a caller's sleep throws", async () => {
    const time = virtualTime();
    let fail = true;
    const limiter = new SlidingWindowLimiter({
      limit: 1,
      windowMs: 10,
      clock: time.clock,
      sleep: async (ms) => {
        if (fail) {
          fail = false;
          throw new Error("boom");
        }
        await time.sleep(ms);
      },
    });
    await limiter.acquire();
    await expect(limiter.acquire()).rejects.toThrow("boom");
    await expect(limiter.acquire()).resolves.toBeUndefined();
  });

  it("rejects nonsense options", () => {
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter({ limit: 1, windowMs: 0 })).toThrow(RangeError);
  });

  it("never allows more than `limit` starts in any window, whatever the arrival pattern (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 10, max: 1000 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 40 }),
        async (limit, windowMs, gaps) => {
          const time = virtualTime();
          const limiter = new SlidingWindowLimiter({ limit, windowMs, clock: time.clock, sleep: time.sleep });
          const starts: number[] = [];
          const pending: Promise<void>[] = [];
          for (const gap of gaps) {
            time.advance(gap);
            pending.push(limiter.acquire().then(() => void starts.push(time.now)));
          }
          await Promise.all(pending);
          expect(maxInAnyWindow(starts, windowMs)).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 200 },
    );
  });
});
