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

/** Locks taken together by `tryLocks`: which were taken, and one call to give back those that were. */
export interface LocksTaken {
  held: boolean[];
  release(): Promise<void>;
}

/**
 * `tryLock` with an owner, for many keys at once: one round trip to take them all, one to give
 * back those taken (a job syncing many requests takes each one's lock).
 */
export async function tryLocks(redis: Redis, locks: readonly { key: string; owner: string }[], ttlMs: number): Promise<LocksTaken> {
  const results = await exec(redis, ACQUIRE, locks.map(({ key, owner }) => [key, owner, ttlMs]));
  const held = results.map((ok) => ok === 1);
  const taken = locks.filter((_, i) => held[i]);
  return { held, release: async () => void (await exec(redis, RELEASE, taken.map(({ key, owner }) => [key, owner]))) };
}

/** Runs a one-key script once per `[key, ...args]`, in one pipeline; the first failure fails the call, as a single command's would. */
async function exec(redis: Redis, script: string, calls: readonly [string, ...(string | number)[]][]): Promise<unknown[]> {
  if (calls.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const [key, ...args] of calls) pipeline.eval(script, 1, key, ...args);
  return ((await pipeline.exec()) ?? []).map(([error, result]) => {
    if (error) throw error;
    return result;
  });
}
