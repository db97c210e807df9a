import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createRedis } from "../../../src/queue/redis-connection";
import { tryLock, tryLocks } from "../../../src/queue/redis-lock";

const redis = createRedis(inject("redisUrl"), "redis-lock-test");
const key = `${inject("queuePrefix")}-lock-test:${Math.random().toString(36).slice(2)}`;

afterAll(async () => {
  await redis.quit();
});

describe("tryLock, on real Redis", () => {
  it("lets one holder in; the same owner takes it again (a job run anew), another owner waits until it is released", async () => {
    const first = await tryLock(redis, key, 30_000, "job-1");
    expect(first).not.toBeNull();
    expect(await tryLock(redis, key, 30_000, "job-2")).toBeNull();
    expect(await tryLock(redis, key, 30_000)).toBeNull();
    // The same job, run again after its worker stopped without releasing.
    const again = await tryLock(redis, key, 30_000, "job-1");
    expect(again).not.toBeNull();
    await again!.release();
    const second = await tryLock(redis, key, 30_000, "job-2");
    expect(second).not.toBeNull();
    // A release by a former holder leaves the new holder's lock alone.
    await first!.release();
    expect(await tryLock(redis, key, 30_000, "job-3")).toBeNull();
    await second!.release();
  });

  it("expires by itself when its holder dies", async () => {
    expect(await tryLock(redis, `${key}:ttl`, 200, "job-1")).not.toBeNull();
    expect(await tryLock(redis, `${key}:ttl`, 200, "job-2")).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(await tryLock(redis, `${key}:ttl`, 200, "job-2")).not.toBeNull();
  });

  it("takes many at once (tryLocks): the free ones and its own, not another's; gives back only those it took", async () => {
    const [free, own, other] = [`${key}:many-free`, `${key}:many-own`, `${key}:many-other`];
    const mine = await tryLock(redis, own, 30_000, "job-9:2");
    const theirs = await tryLock(redis, other, 30_000, "job-8:3");
    const locks = await tryLocks(redis, [{ key: free, owner: "job-9:1" }, { key: own, owner: "job-9:2" }, { key: other, owner: "job-9:3" }], 30_000);
    expect(locks.held).toEqual([true, true, false]);
    expect(await tryLock(redis, free, 30_000, "job-7")).toBeNull();
    await locks.release();
    expect(await redis.get(free)).toBeNull();
    expect(await redis.get(own)).toBeNull();
    expect(await redis.get(other)).toBe("job-8:3");
    expect((await tryLocks(redis, [], 30_000)).held).toEqual([]);
    await mine?.release();
    await theirs!.release();
  });

  it("many taken at once expire with their TTL, and giving them back later leaves alone a lock another job took since", async () => {
    const [first, second] = [`${key}:many-ttl-1`, `${key}:many-ttl-2`];
    const locks = await tryLocks(redis, [{ key: first, owner: "job-5:1" }, { key: second, owner: "job-5:2" }], 150);
    expect(locks.held).toEqual([true, true]);
    const ttl = await redis.pttl(first);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(150);
    await new Promise((r) => setTimeout(r, 250));
    const later = await tryLock(redis, first, 30_000, "job-6:1");
    expect(later).not.toBeNull();
    await locks.release();
    expect(await redis.get(first)).toBe("job-6:1");
    expect(await redis.get(second)).toBeNull();
    await later!.release();
  });
});
