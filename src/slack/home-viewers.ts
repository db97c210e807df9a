import type { Redis } from "../queue/redis-connection";

const KEEP_MS = 7 * 24 * 3_600_000;

/** Who looked at their App Home lately: only their homes are kept fresh when requests change. */
export class HomeViewers {
  constructor(private readonly redis: Redis, private readonly key: string) {}

  async saw(userId: string, at: number): Promise<void> {
    await this.redis.zadd(this.key, at, userId);
  }

  async recent(now: number): Promise<string[]> {
    await this.redis.zremrangebyscore(this.key, 0, now - KEEP_MS);
    return this.redis.zrangebyscore(this.key, now - KEEP_MS, "+inf");
  }
}
