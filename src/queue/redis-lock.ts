import { randomUUID } from "node:crypto";
import type { Redis } from "./redis-connection";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * A short Redis lock (SET NX PX): only its holder's token releases it, and it expires by itself
 * if the holder dies. Used where two jobs for the same request must not run side by side.
 */
export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<HeldLock | null> {
  const token = randomUUID();
  const ok = await redis.set(key, token, "PX", ttlMs, "NX");
  if (ok !== "OK") return null;
  return { release: async () => void (await redis.eval(RELEASE, 1, key, token)) };
}
