import { randomUUID } from "node:crypto";
import type { Redis } from "./redis-connection";

// Each lock is taken when free, or taken again by the same owner (its TTL renewed); only its owner
// gives it back. KEYS: the locks; to take them, ARGV: the TTL, then each key's owner; to give them
// back, ARGV: each key's owner. One call for any number of keys.
const ACQUIRE = `local taken = {}
for i, key in ipairs(KEYS) do
  local held = redis.call("get", key)
  if held == false or held == ARGV[i + 1] then redis.call("set", key, ARGV[i + 1], "PX", ARGV[1]) taken[i] = 1 else taken[i] = 0 end
end
return taken`;
const RELEASE = `for i, key in ipairs(KEYS) do
  if redis.call("get", key) == ARGV[i] then redis.call("del", key) end
end
return 0`;

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * A short Redis lock (taken when free, with a TTL): only its holder's token releases it, and it
 * expires by itself if the holder dies. Used where two jobs for the same request must not run side by side.
 * `owner` (a job's id) lets the same job take its lock again when it runs anew: a job handed
 * back at shutdown, or whose worker died, does not wait out the TTL of its own lock.
 */
export async function tryLock(redis: Redis, key: string, ttlMs: number, owner?: string): Promise<HeldLock | null> {
  // Without an owner, a token of its own that no other holder has: taken only when free.
  const lock = await tryLocks(redis, [{ key, owner: owner ?? randomUUID() }], ttlMs);
  return lock.held[0] ? { release: lock.release } : null;
}

/** Locks taken together by `tryLocks`: which were taken, and one call to give back those that were. */
export interface LocksTaken {
  held: boolean[];
  release(): Promise<void>;
}

/**
 * `tryLock` with an owner, for many keys at once: one script call to take them all, one to give
 * back those taken (a job syncing many requests takes each one's lock). One call, not one per key
 * in a pipeline: the worker built two commands per request synced, and their arguments were a
 * good part of what it allocated. The keys share the queue's prefix.
 */
export async function tryLocks(redis: Redis, locks: readonly { key: string; owner: string }[], ttlMs: number): Promise<LocksTaken> {
  if (locks.length === 0) return { held: [], release: async () => undefined };
  const results = (await redis.eval(ACQUIRE, locks.length, ...locks.map((l) => l.key), ttlMs, ...locks.map((l) => l.owner))) as number[];
  const held = locks.map((_, i) => results[i] === 1);
  const taken = locks.filter((_, i) => held[i]);
  return {
    held,
    release: async () => {
      if (taken.length > 0) await redis.eval(RELEASE, taken.length, ...taken.map((l) => l.key), ...taken.map((l) => l.owner));
    },
  };
}
