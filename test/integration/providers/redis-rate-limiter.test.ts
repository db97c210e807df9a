import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { RedisRateLimiter } from "../../../src/providers/shared/redis-rate-limiter";
import { SlidingWindowLimiter } from "../../../src/providers/shared/sliding-window-limiter";
import { createFailFastRedis, type Redis } from "../../../src/queue/redis-connection";
import { eventually } from "../../support/test-services";

const LIMIT = 5;
const WINDOW_MS = 300;
const clients: Redis[] = [];

/** A client of its own, as each process (the web, every worker) has. */
function client(url = inject("redisUrl")): Redis {
  const redis = createFailFastRedis(url, "rate-limit-test", 2_000);
  clients.push(redis);
  return redis;
}

afterAll(() => {
  for (const redis of clients) redis.disconnect();
});

/** The most starts inside any window of `windowMs`. */
function mostInAnyWindow(starts: number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  return Math.max(...sorted.map((from) => sorted.filter((t) => t >= from && t - from < windowMs).length));
}

const ready = (redis: Redis) => eventually(async () => redis.status === "ready", 5_000, "Redis");

describe("RedisRateLimiter: a provider's limit shared by every process, on real Redis", () => {
  it("keeps two clients together within the limit in every window, and serves them all", async () => {
    const key = `rate-test:${randomUUID()}`;
    const starts: number[] = [];
    const [a, b] = [client(), client()];
    await Promise.all([ready(a), ready(b)]);
    const limiters = [a, b].map((redis) => new RedisRateLimiter({ limit: LIMIT, windowMs: WINDOW_MS, redis, key, onStart: (at) => starts.push(at) }));
    const perClient = 8;
    await Promise.all(limiters.flatMap((limiter) => Array.from({ length: perClient }, () => limiter.acquire())));
    expect(starts).toHaveLength(2 * perClient);
    expect(mostInAnyWindow(starts, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
  });

  it("is needed: two limiters each on their own let twice the limit through in one window", async () => {
    const starts: number[] = [];
    const own = [1, 2].map(() => new SlidingWindowLimiter({ limit: LIMIT, windowMs: WINDOW_MS }));
    await Promise.all(own.flatMap((limiter) => Array.from({ length: LIMIT }, () => limiter.acquire().then(() => starts.push(Date.now())))));
    expect(mostInAnyWindow(starts, WINDOW_MS)).toBe(2 * LIMIT);
  });

  it("holds every client back after one of them met a 429", async () => {
    const key = `rate-test:${randomUUID()}`;
    const [a, b] = [client(), client()];
    await Promise.all([ready(a), ready(b)]);
    const starts: number[] = [];
    const first = new RedisRateLimiter({ limit: LIMIT, windowMs: WINDOW_MS, redis: a, key });
    const second = new RedisRateLimiter({ limit: LIMIT, windowMs: WINDOW_MS, redis: b, key, onStart: (at) => starts.push(at) });
    first.pauseUntil(Date.now() + 60_000);
    const pausedMs = await eventually(async () => ((await b.pttl(`${key}:paused`)) > 0 ? b.pttl(`${key}:paused`) : false), 5_000, "the pause in Redis");
    expect(pausedMs).toBeGreaterThan(50_000);
    const waiting = second.acquire();
    let started = false;
    void waiting.then(() => (started = true));
    // The other client waits for as long as the pause lasts: lift it, and it goes.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(started).toBe(false);
    await b.del(`${key}:paused`);
    await waiting;
    expect(starts).toHaveLength(1);
  });

  it("keeps the limit within the process when Redis cannot be reached", async () => {
    const closed = client("redis://127.0.0.1:1");
    const starts: number[] = [];
    const limiter = new RedisRateLimiter({ limit: 2, windowMs: WINDOW_MS, redis: closed, key: `rate-test:${randomUUID()}` });
    await Promise.all(Array.from({ length: 4 }, () => limiter.acquire().then(() => starts.push(Date.now()))));
    expect(starts).toHaveLength(4);
    expect(mostInAnyWindow(starts, WINDOW_MS - 20)).toBeLessThanOrEqual(2);
  });
});
