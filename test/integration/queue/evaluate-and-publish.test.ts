import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { upsertOrders } from "../../../src/db/orders";
import { fileRequest } from "../../../src/db/requests";
import { startWorkers, type RunningWorkers } from "../../../src/queue/start-workers";
import { fileRefundRequest } from "../../../src/use-cases/file-request";
import { testWorkspace } from "../../support/test-workspace";
import type { LocalWorkspace } from "../../../src/local-workspace/local-workspace";
import { REQUESTS_CHANNEL } from "../../support/app-process";
import { cyberbizOrder, qoo10Order } from "../../support/orders";
import { eventually, testServices } from "../../support/test-services";

let slack: LocalWorkspace;
let services: Services;
let workers: RunningWorkers;

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  services = testServices(slack.apiUrl, { WORKER_CONCURRENCY: "4" });
  workers = await startWorkers(services);
});

afterAll(async () => {
  await workers?.close();
  await services?.close();
  await slack?.stop();
});

const posted = (orderId: string) => slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === REQUESTS_CHANNEL && !c.body.thread_ts && String(c.body.text).includes(orderId));

async function settled(requestId: number) {
  return eventually(async () => {
    const row = await services.db.refundRequest.findUnique({ where: { id: requestId } });
    return row && row.state !== "submitted" && row.threadTs ? row : undefined;
  }, 15_000, `request ${requestId} decided and posted`);
}

describe("the evaluate and publish workers, on real Redis and Postgres", () => {
  it("decide a filed request, store the decision with the engine version, and post it once", async () => {
    const order = qoo10Order({ status: "awaiting_shipment" });
    await upsertOrders(services.db, [order]);
    const { id } = await fileRefundRequest(services, {
      order, kind: "cancel", initiator: "store", reason: "customer_request", notifyCustomer: false, flagCustomer: false, returnReceived: false,
      requestedAt: new Date(), actor: { type: "user", id: "U0AGENT" }, origin: "slack", originChannel: "C0SUPPORT",
    });
    const row = await settled(id);
    expect(row.decision).toMatchObject({ outcome: expect.any(String), ruleIds: expect.any(Array) });
    expect(row.engineVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(row.orderSnapshot).toMatchObject({ orderId: order.orderId, status: "awaiting_shipment" });
    expect(row.threadChannel).toBe(REQUESTS_CHANNEL);
    await eventually(async () => posted(order.orderId).length === 1, 5_000, "the post");
  });

  it("a job that runs twice changes nothing the second time", async () => {
    const order = cyberbizOrder();
    await upsertOrders(services.db, [order]);
    const input = {
      order, kind: "cancel" as const, initiator: "store" as const, reason: "out_of_stock" as const, notifyCustomer: true, flagCustomer: false, returnReceived: false,
      requestedAt: new Date(), actor: { type: "user" as const, id: "U0AGENT" }, origin: "slack" as const,
    };
    const { id } = await fileRefundRequest(services, input);
    await settled(id);
    // Run the same step again, as a retried or duplicated job would.
    const evaluate = await services.queues.queues.requests.add("evaluate-request", { requestId: id });
    await eventually(async () => (await evaluate.isCompleted()) || undefined, 10_000, "the second evaluation");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const trail = await services.db.auditEvent.findMany({ where: { requestId: id } });
    expect(trail.filter((e) => e.action === "decided")).toHaveLength(1);
    expect(posted(order.orderId)).toHaveLength(1);
  });

  it("the sweeper queues a request whose evaluation was lost", async () => {
    const order = cyberbizOrder();
    await upsertOrders(services.db, [order]);
    // Stored a minute ago, but never queued: the web process died between the two.
    const { id } = await fileRequest(services.db, {
      platform: "cyberbiz", orderId: order.orderId, kind: "refund", initiator: "customer", reason: "other", amount: 10, currency: "TWD",
      notifyCustomer: false, flagCustomer: false, returnReceived: false, requestedAt: new Date(Date.now() - 60_000), requestedBy: "U0AGENT", origin: "slack",
    }, { type: "user", id: "U0AGENT" });
    await services.db.$executeRaw`UPDATE refund_requests SET created_at = now() - interval '1 minute' WHERE id = ${id}`;
    await services.queues.queues.requests.add("sweep-stale-requests", {});
    const row = await settled(id);
    expect(row.state).not.toBe("submitted");
  });

  it("a Slack 429 holds the Slack queue for Retry-After, then the message is posted", async () => {
    const order = cyberbizOrder();
    await upsertOrders(services.db, [order]);
    slack.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 }, 1, (body) => body.channel === REQUESTS_CHANNEL && String(body.text).includes(order.orderId));
    const started = Date.now();
    const { id } = await fileRefundRequest(services, {
      order, kind: "refund", initiator: "customer", reason: "other", amount: 5, notifyCustomer: false, flagCustomer: false, returnReceived: false,
      requestedAt: new Date(), actor: { type: "user", id: "U0AGENT" }, origin: "slack",
    });
    await settled(id);
    // The first post of this request got the 429; the next one waited out Retry-After.
    const attempts = posted(order.orderId);
    expect(attempts).toHaveLength(2);
    const [limited, next] = attempts;
    expect(limited!.at).toBeGreaterThanOrEqual(started);
    expect(next!.at - limited!.at).toBeGreaterThanOrEqual(900);
  });
});
