/** A provider's rate limit, as its client sees it: wait for a turn, and hold everyone back after a 429. */
export interface RateLimiter {
  /** Resolves when the caller may start its request; the start is counted at that moment. */
  acquire(): Promise<void>;
  /** Nobody starts before `untilMs` (epoch ms; the provider answered 429 with Retry-After). */
  pauseUntil(untilMs: number): void;
}

/** How many requests a provider takes in any window of `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}
