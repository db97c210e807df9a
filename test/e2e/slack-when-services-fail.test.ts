import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import { OwnRedis } from "../chaos/own-redis";
import { proxyInFront, type TcpProxy } from "../chaos/tcp-proxy";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { testWorkspace } from "../support/test-workspace";
import { appEnv, startApp, type AppProcess } from "../support/app-process";
import { databaseUrl } from "../support/file-database";
import { cyberbizOrder } from "../support/orders";
import { SlackDriver } from "../support/slack-driver";
import { testDb } from "../support/test-db";

// The bot with a Redis and a Postgres of its own to break: Redis a server of the test's own, Postgres
// behind a proxy that can stop carrying anything. Slack waits 3 s for an answer and shows a person
// an error (Bolt answers 404) after that: every answer here must come in words before then.

let slack: LocalWorkspace;
let redis: OwnRedis;
let proxy: TcpProxy;
let app: AppProcess;
let db: Db;
let driver: SlackDriver;

beforeAll(async () => {
  slack = testWorkspace();
  redis = new OwnRedis();
  await Promise.all([slack.start(), redis.start()]);
  const proxied = await proxyInFront(databaseUrl());
  proxy = proxied.proxy;
  db = testDb();
  app = await startApp({ env: appEnv(slack.apiUrl, { REDIS_URL: redis.url, DATABASE_URL: proxied.url, REFUND_APPROVERS: "U0BOSS" }) });
  driver = new SlackDriver(() => app.baseUrl, slack);
});

afterAll(async () => {
  redis?.unpause();
  proxy?.resume();
  await app?.stop("SIGKILL");
  await Promise.all([slack?.stop(), redis?.stop(), proxy?.stop()]);
  await db?.$disconnect();
});

/** A slash command's HTTP answer: its status and the private text it carries, if any. */
async function commandAnswer(text: string, userId = "U0AGENT"): Promise<{ status: number; text?: string }> {
  const res = await driver.command("/refund", text, userId);
  const body = await res.text();
  return { status: res.status, ...(body ? { text: (JSON.parse(body) as { text?: string }).text } : {}) };
}

describe("with Redis down", () => {
  it("commands that need no Redis are answered; one that needs it is answered in words", async () => {
    await redis.stop();
    try {
      expect(await commandAnswer("help")).toMatchObject({ status: 200, text: expect.stringContaining("*Refund Desk* files cancellations and refunds") });
      expect(await commandAnswer("policy cyberbiz")).toMatchObject({ status: 200, text: expect.stringContaining("C7") });
      // The report is queued for a worker: Redis is needed, and the approver is told so.
      expect(await commandAnswer("report", "U0BOSS")).toMatchObject({ status: 200, text: expect.stringContaining("could not finish this just now") });
    } finally {
      await redis.start();
    }
  });

  it("a Redis that stops answering (connections open, nothing comes back) holds up nothing that can do without it", async () => {
    redis.pause();
    try {
      expect(await commandAnswer("help")).toMatchObject({ status: 200, text: expect.stringContaining("*Refund Desk*") });
      expect(await commandAnswer("report", "U0BOSS")).toMatchObject({ status: 200, text: expect.stringContaining("could not finish this just now") });
    } finally {
      redis.unpause();
    }
  });
});

describe("with Postgres not answering", () => {
  it("a modal submission is told in the modal that nothing could be saved, not left to Slack's error", async () => {
    const order = cyberbizOrder({ status: "delivered" });
    await upsertOrders(db, [order]);
    const view = await driver.openModal("/refund", order.orderId);
    proxy.stall();
    try {
      const res = await driver.submit(driver.fill(view, { initiator: "store", kind: "refund", reason: "defective_item", amount: "100" }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ response_action: "errors", errors: { initiator: expect.stringContaining("could not finish this just now") } });
    } finally {
      proxy.resume();
    }
  });

  it("a command that reads the order store answers in words through its response_url", async () => {
    proxy.stall();
    try {
      const answer = await driver.commandAnswer("/refund", "CB-ANY-ORDER");
      expect(String(answer.body.text)).toContain("could not finish this just now");
    } finally {
      proxy.resume();
    }
  });
});
