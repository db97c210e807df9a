import type { Redis } from "ioredis";

/** Deletes every key matching `pattern` (a SCAN MATCH pattern): what a Redis restarted empty leaves of them. */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
}
