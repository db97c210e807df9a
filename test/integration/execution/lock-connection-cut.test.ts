import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestLock } from "../../../src/db/request-lock";
import { proxyInFront, type TcpProxy } from "../../chaos/tcp-proxy";
import { databaseUrl as fileDatabaseUrl } from "../../support/file-database";

let proxy: TcpProxy;
let databaseUrl: string;

beforeAll(async () => {
  ({ proxy, url: databaseUrl } = await proxyInFront(fileDatabaseUrl()));
});

afterAll(async () => {
  await proxy?.stop();
});

describe("the execution lock when Postgres drops the connection", () => {
  // pg emits 'error' on a client whose connection ends unexpectedly, on top of failing its query: a
  // client without a listener then takes the whole worker down (found by the chaos suite).
  it("taking the lock fails or succeeds, but never crashes the process, whenever the connection is cut", { timeout: 60_000 }, async () => {
    const outcomes = { locked: 0, failed: 0 };
    for (let i = 0; i < 150; i++) {
      const attempt = RequestLock.tryAcquire(databaseUrl, 900_000 + i).then(
        async (lock) => {
          outcomes.locked += 1;
          await lock?.release();
        },
        () => void (outcomes.failed += 1),
      );
      // Cut at a random moment of the exchange: during the handshake, the lock query, or after.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 12));
      proxy.block(1);
      await attempt;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(outcomes.locked + outcomes.failed).toBe(150);
    expect(outcomes.failed).toBeGreaterThan(0);
  });
});
