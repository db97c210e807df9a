import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createRedis } from "../../../src/queue/redis-connection";
import { tryLock } from "../../../src/queue/redis-lock";

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
});
