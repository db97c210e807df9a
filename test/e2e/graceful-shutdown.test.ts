import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import { signIntakeBody } from "../../src/intake/verify-intake-signature";
import { testWorkspace } from "../support/test-workspace";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { appEnv, REQUESTS_CHANNEL, startApp, type AppProcess } from "../support/app-process";
import { cyberbizOrder, qoo10Order, uniqueOrderId } from "../support/orders";
import { SlackDriver } from "../support/slack-driver";
import { eventually } from "../support/test-services";
import { testDb } from "../support/test-db";

const INTAKE_SECRET = "shutdown-intake-secret-0123";

let slack: LocalWorkspace;
let db: Db;
const apps: AppProcess[] = [];

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  db = testDb();
});

afterAll(async () => {
  for (const app of apps) await app.stop("SIGKILL");
  await slack?.stop();
  await db?.$disconnect();
});

async function start(env: Record<string, string>): Promise<AppProcess> {
  const app = await startApp({ env });
  apps.push(app);
  return app;
}

/** Files a customer's cancel of a new Qoo10 order through intake; its message is posted by a `sync-request` job. */
async function fileThroughIntake(app: AppProcess): Promise<{ requestId: number; orderId: string }> {
  const order = qoo10Order({ status: "new" });
  await upsertOrders(db, [order]);
  const raw = JSON.stringify({ source: "qoo10", externalId: `CS-${uniqueOrderId()}`, platform: "qoo10", orderId: order.orderId, request: { kind: "cancel", initiator: "customer", reason: "customer_request" } });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${app.baseUrl}/intake/requests`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-refund-desk-timestamp": String(timestamp), "x-refund-desk-signature": signIntakeBody(INTAKE_SECRET, timestamp, raw) },
    body: raw,
  });
  expect(res.status).toBe(202);
  return { requestId: Number(((await res.json()) as { requestId: string }).requestId.slice(3)), orderId: order.orderId };
}

const requestMessage = (orderId: string) => (body: Record<string, unknown>) => body.channel === REQUESTS_CHANNEL && !body.thread_ts && String(body.text).includes(orderId);

describe("stopping on SIGTERM", () => {
  it("stops accepting, lets the job in flight finish, closes connections and exits 0", async () => {
    const app = await start(appEnv(slack.apiUrl, { INTAKE_SECRET, SHUTDOWN_TIMEOUT_MS: "30000" }));
    const { requestId, orderId } = await fileThroughIntake(app);
    // The request's message is being posted when the signal comes: Slack has not answered yet.
    const release = slack.holdNext("chat.postMessage", requestMessage(orderId));
    await slack.waitFor((c) => c.method === "chat.postMessage" && requestMessage(orderId)(c.body), 15_000, "the request's message in flight");

    const exited = app.stop("SIGTERM");
    // No new connection is taken from now on…
    await eventually(async () => fetch(`${app.baseUrl}/healthz`).then(() => false, () => true), 10_000, "the port to refuse connections");
    // …while the job in flight goes on, and finishes when Slack answers.
    release();
    expect(await exited).toBe(0);

    const row = await db.refundRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.threadTs).not.toBeNull();
    const log = app.output.join("\n");
    expect(log).toContain('"signal":"SIGTERM","msg":"shutting down"');
    expect(log).toMatch(/"handedBack":0,"msg":"stopped"/);
    expect(log).not.toContain("handed back to the queue");
  });

  it("hands a job that runs past SHUTDOWN_TIMEOUT_MS back to the queue, exits 0 in time, and the next process finishes it", async () => {
    // Both processes share one queue prefix: the second one is "the next deploy" of the first.
    const env = appEnv(slack.apiUrl, { INTAKE_SECRET, SHUTDOWN_TIMEOUT_MS: "3000" });
    const first = await start(env);
    const driver = new SlackDriver(() => first.baseUrl, slack);
    const order = cyberbizOrder();
    await upsertOrders(db, [order]);
    // The agent's confirmation (made by the request's first sync job) is in flight, and Slack does not answer while the first process lives.
    const confirmation = (c: SlackCall) => c.method === "chat.postEphemeral" && String(c.body.text).includes(`of order ${order.orderId}`);
    slack.holdNext("chat.postEphemeral", (body) => String(body.text).includes(`of order ${order.orderId}`));
    const view = await driver.openModal("/refund", order.orderId);
    expect(await (await driver.submit(driver.fill(view, { initiator: "store", kind: "refund", reason: "other", amount: "10" }))).text()).toBe("");
    await slack.waitFor(confirmation, 15_000, "the confirmation in flight");

    // Exit code 0 means it finished before its own deadline (past it, it exits 1).
    expect(await first.stop("SIGTERM")).toBe(0);
    const log = first.output.join("\n");
    expect(log).toContain("shutdown: job still running, handed back to the queue");
    expect(log).toMatch(/"handedBack":1,"msg":"stopped"/);

    const second = await start(env);
    await eventually(async () => slack.calls.filter(confirmation).length === 2, 20_000, "the next process to send the confirmation");
    expect(second.output.join("\n")).not.toMatch(/"msg":"job failed"/);
    expect(await second.stop("SIGTERM")).toBe(0);
  });
});
