import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { errorThrottle } from "../../observability/error-throttle";
import type { ProviderLogger } from "./provider-logger";
import type { RateLimit, RateLimiter } from "./rate-limiter";
import { SlidingWindowLimiter } from "./sliding-window-limiter";

/**
 * One step of the shared sliding log, atomic in Redis and timed by Redis's clock (one clock for
 * every process): 0 and the start's time when the caller may start (it is counted), else how many
 * ms to wait. KEYS: the log (a sorted set of starts), the pause. ARGV: limit, windowMs, a unique member.
 */
const TAKE_TURN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {paused, now} end
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {0, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {math.max(1, tonumber(oldest[2]) + window - now), now}`;

type TurnRedis = Redis & { takeRateLimitTurn(log: string, pause: string, limit: number, windowMs: number, member: string): Promise<[number, number]> };

export interface RedisRateLimiterOptions extends RateLimit {
  /** A client that fails at once while Redis is down (see createFailFastRedis): the limiter then falls back to this process's own count. */
  redis: Redis;
  /** The key every process limiting the same account shares, e.g. `refund-desk:rate:cyberbiz`. */
  key: string;
  log?: ProviderLogger;
  /** Told of each start, with Redis's time of it (epoch ms): for tests. */
  onStart?: (atMs: number) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A provider's rate limit held across every process (web and workers): at most `limit` starts in
 * any `windowMs`, counted in one sliding log in Redis, as the provider counts them. Callers of one
 * process take their turns in the order they asked. Without Redis, each process keeps the limit on
 * its own, which is what the provider sees from one process at most.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: TurnRedis;
  private readonly local: SlidingWindowLimiter;
  private readonly worthLogging = errorThrottle();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: RedisRateLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError("limit must be a whole number ≥ 1");
    if (!(options.windowMs > 0)) throw new RangeError("windowMs must be > 0");
    options.redis.defineCommand("takeRateLimitTurn", { numberOfKeys: 2, lua: TAKE_TURN });
    this.redis = options.redis as TurnRedis;
    this.local = new SlidingWindowLimiter(options);
  }

  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.take());
    // One caller's failure must not block the ones behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  pauseUntil(untilMs: number): void {
    this.local.pauseUntil(untilMs);
    const ms = Math.ceil(untilMs - Date.now());
    if (ms > 0) this.redis.set(`${this.options.key}:paused`, "1", "PX", ms).catch((error: unknown) => this.unavailable(error));
  }

  private async take(): Promise<void> {
    const { key, limit, windowMs } = this.options;
    for (;;) {
      let answer: [number, number];
      try {
        answer = await this.redis.takeRateLimitTurn(`${key}:starts`, `${key}:paused`, limit, windowMs, randomUUID());
      } catch (error) {
        this.unavailable(error);
        return this.local.acquire();
      }
      const [waitMs, nowMs] = answer;
      if (waitMs === 0) return this.options.onStart?.(nowMs);
      // Asked again at least once a window: a pause lifted early (or a 429 cleared by hand) is seen.
      await sleep(Math.min(waitMs, windowMs));
    }
  }

  private unavailable(error: unknown): void {
    if (error instanceof Error && this.worthLogging(error)) this.options.log?.warn({ err: error, key: this.options.key }, "shared rate limit unavailable (Redis): this process keeps the limit on its own");
  }
}
