import { randomUUID } from "node:crypto";
import type { Redis } from "./redis-connection";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
// Taken when free, or taken again by the same owner (its TTL renewed).
const ACQUIRE = `local held = redis.call("get", KEYS[1])
if held == false or held == ARGV[1] then redis.call("set", KEYS[1], ARGV[1], "PX", ARGV[2]) return 1 end
return 0`;

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * A short Redis lock (SET NX PX): only its holder's token releases it, and it expires by itself
 * if the holder dies. Used where two jobs for the same request must not run side by side.
 * `owner` (a job's id) lets the same job take its lock again when it runs anew: a job handed
 * back at shutdown, or whose worker died, does not wait out the TTL of its own lock.
 */
export async function tryLock(redis: Redis, key: string, ttlMs: number, owner?: string): Promise<HeldLock | null> {
  const token = owner ?? randomUUID();
  const ok = owner ? await redis.eval(ACQUIRE, 1, key, token, ttlMs) : await redis.set(key, token, "PX", ttlMs, "NX");
  if (ok !== "OK" && ok !== 1) return null;
  return { release: async () => void (await redis.eval(RELEASE, 1, key, token)) };
}
