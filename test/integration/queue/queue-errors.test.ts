import { afterEach, describe, expect, it, vi } from "vitest";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { JobQueues } from "../../../src/queue/job-queues";
import { createRedis } from "../../../src/queue/redis-connection";

afterEach(() => vi.restoreAllMocks());

/** A port where nothing listens: Redis is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the producer's queues while Redis is down", () => {
  it("hand their connection errors to the caller instead of printing them raw to stderr", async () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const redis = createRedis(`redis://127.0.0.1:${await closedPort()}`, "test-down");
    const errors: string[] = [];
    const queues = new JobQueues(redis, "down-test", (queue, error) => errors.push(`${queue}: ${error.message}`));
    try {
      await expect.poll(() => errors.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(errors[0]).toMatch(/^(requests|slack|execution): connect ECONNREFUSED/);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      redis.disconnect();
      await queues.close().catch(() => undefined);
    }
  });
});
