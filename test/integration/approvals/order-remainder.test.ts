import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../../../src/app/services";
import { parsePolicyFile } from "../../../src/config/approval-policy-file";
import { parseConfig } from "../../../src/config/env";
import type { Db } from "../../../src/db/client";
import { findOrder, upsertOrders } from "../../../src/db/orders";
import { ExceedsRefundable, fileRequest, getRequest, transitionRequest, type NewRequest } from "../../../src/db/requests";
import type { Order, OrderInput } from "../../../src/domain/order";
import { executeRequest } from "../../../src/use-cases/execute-request";
import { evaluateRequest } from "../../../src/use-cases/evaluate-request";
import { evaluateRequestsTogether } from "../../../src/use-cases/evaluate-requests-together";
import { effectsOf } from "../../support/execution";
import { cyberbizOrder } from "../../support/orders";
import { testDb } from "../../support/test-db";
import { testConfig } from "../../support/test-services";

// With these thresholds a 10,000 TWD refund needs two approvers; it must not go out as two requests
// of 5,000 (one approver each) or as requests of 300 (none).
const POLICY = `
approvers: { users: [U0BOSS1, U0BOSS2] }
thresholds:
  TWD: { autoApproveUpTo: 300, singleApproverUpTo: 5000 }
`;

let services: Services;
const others: Db[] = [];

beforeAll(() => {
  const file = parsePolicyFile("policy.yaml", POLICY);
  if (!file.ok) throw new Error(file.problems.join("\n"));
  const base = testConfig("http://127.0.0.1:9/api/");
  const env = { SLACK_BOT_TOKEN: base.slack.botToken, SLACK_SIGNING_SECRET: base.slack.signingSecret, SLACK_API_URL: "http://127.0.0.1:9/api/", REFUND_REQUESTS_CHANNEL: base.channels.requests, DATABASE_URL: base.databaseUrl, REDIS_URL: base.redisUrl, QUEUE_PREFIX: base.queuePrefix, LOG_LEVEL: "silent" };
  const config = parseConfig(env, file.file);
  if (!config.ok) throw new Error(config.problems.join("\n"));
  services = createServices(config.config, "test");
});

afterAll(async () => {
  await services?.close();
  for (const db of others) await db.$disconnect();
});

function refundOf(order: Order, amount: number | undefined, requestedBy = "U0AGENT"): NewRequest {
  return {
    platform: order.platform, orderId: order.orderId, kind: "refund", initiator: "customer", reason: "defective_item", ...(amount !== undefined ? { amount } : {}),
    currency: order.currency, notifyCustomer: false, flagCustomer: false, returnReceived: false, requestedAt: new Date(), requestedBy, origin: "slack",
  };
}

async function storedOrder(overrides: Partial<Pick<OrderInput, "total" | "refunded" | "paymentMethod" | "transactionId" | "createdAt">> = {}): Promise<Order> {
  const order = cyberbizOrder({ status: "delivered", paymentMethod: "credit_card", transactionId: undefined, ...overrides });
  await upsertOrders(services.db, [order]);
  return order;
}

/** Files a refund and decides it, as the queue would; the request as it is then. */
async function fileAndDecide(order: Order, amount: number | undefined) {
  const { id } = await fileRequest(services.db, refundOf(order, amount), { type: "user", id: "U0AGENT" });
  await evaluateRequest(services, id);
  return (await getRequest(services.db, id))!;
}

describe("what is left of an order: its total, less what was refunded, less what its open requests will refund", () => {
  it("two requests filed at the same instant, from two processes, cannot together exceed the order's total", async () => {
    // Two connections of their own: two web processes filing at once, each in its own transaction.
    const [a, b] = [testDb(), testDb()];
    others.push(a, b);
    for (let round = 0; round < 5; round++) {
      const order = await storedOrder({ total: 10_000 });
      const results = await Promise.allSettled([
        fileRequest(a, refundOf(order, 6_000), { type: "user", id: "U0AGENT" }),
        fileRequest(b, refundOf(order, 6_000), { type: "user", id: "U0OTHER" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ExceedsRefundable);
      expect(refused.reason).toMatchObject({ refundable: 4_000 });
      expect(await services.db.refundRequest.count({ where: { orderId: order.orderId } })).toBe(1);
    }
  });

  it("an open request is counted when the next one is filed and decided; a request for everything left is decided on what the others leave", async () => {
    const order = await storedOrder({ total: 10_000, refunded: 1_000 });
    await fileAndDecide(order, 4_000);
    expect(await findOrder(services.db, "cyberbiz", order.orderId)).toMatchObject({ refunded: 1_000, pending: 4_000 });
    await expect(fileRequest(services.db, refundOf(order, 5_001), { type: "user", id: "U0AGENT" })).rejects.toMatchObject({ refundable: 5_000 });
    const rest = await fileAndDecide(order, undefined);
    expect(rest.decision).toMatchObject({ outcome: "allow", refundAmount: 5_000 });
    // Nothing left now: not even a request for everything left is filed.
    await expect(fileRequest(services.db, refundOf(order, undefined), { type: "user", id: "U0AGENT" })).rejects.toMatchObject({ refundable: 0 });
  });

  it("a rejected request holds nothing: what it asked is refundable again", async () => {
    const order = await storedOrder({ total: 1_000 });
    const { id } = await fileRequest(services.db, refundOf(order, 800), { type: "user", id: "U0AGENT" });
    await transitionRequest(services.db, { requestId: id, from: ["submitted"], to: "rejected", action: "decided", actor: { type: "system", id: "test" } });
    expect(await fileRequest(services.db, refundOf(order, 1_000), { type: "user", id: "U0AGENT" })).toMatchObject({ created: true });
  });
});

describe("the approval thresholds apply to the sum on the order", () => {
  it("two requests of 5,000 on one order: the first needs one approver, the second two", async () => {
    const order = await storedOrder({ total: 10_000 });
    expect(await fileAndDecide(order, 5_000)).toMatchObject({ state: "awaiting_approval", approvalsRequired: 1 });
    expect(await fileAndDecide(order, 5_000)).toMatchObject({ state: "awaiting_approval", approvalsRequired: 2 });
  });

  it("refunds of 300 one after the other: the first is approved by the policy, the next need an approver", async () => {
    const order = await storedOrder({ total: 10_000 });
    expect(await fileAndDecide(order, 300)).toMatchObject({ state: "approved", approvalsRequired: 0 });
    expect(await fileAndDecide(order, 300)).toMatchObject({ state: "awaiting_approval", approvalsRequired: 1 });
  });

  it("requests decided together (one evaluation job) see each other", async () => {
    const order = await storedOrder({ total: 10_000 });
    const filed = [await fileRequest(services.db, refundOf(order, 3_000), { type: "user", id: "U0AGENT" }), await fileRequest(services.db, refundOf(order, 3_000), { type: "user", id: "U0AGENT" })];
    await evaluateRequestsTogether(services, filed.map((f) => f.id));
    const rows = await Promise.all(filed.map((f) => getRequest(services.db, f.id)));
    expect(rows.map((r) => r!.approvalsRequired)).toEqual([2, 2]);
  });

  it("refunds completed within the window count; older ones do not", async () => {
    const order = await storedOrder({ total: 20_000 });
    const old = await fileRequest(services.db, refundOf(order, 4_000), { type: "user", id: "U0AGENT" });
    const recent = await fileRequest(services.db, refundOf(order, 1_000), { type: "user", id: "U0AGENT" });
    // Completed 40 and 10 days ago (the default window is 30 days).
    await services.db.$executeRaw`UPDATE refund_requests SET state = 'completed', updated_at = now() - interval '40 days' WHERE id = ${old.id}`;
    await services.db.$executeRaw`UPDATE refund_requests SET state = 'completed', updated_at = now() - interval '10 days' WHERE id = ${recent.id}`;
    // 4,500 with the recent 1,000 is above 5,000: two approvers; the old 4,000 does not count.
    expect(await fileAndDecide(order, 4_500)).toMatchObject({ approvalsRequired: 2 });
    const another = await storedOrder({ total: 20_000 });
    const onlyOld = await fileRequest(services.db, refundOf(another, 4_000), { type: "user", id: "U0AGENT" });
    await services.db.$executeRaw`UPDATE refund_requests SET state = 'completed', updated_at = now() - interval '40 days' WHERE id = ${onlyOld.id}`;
    expect(await fileAndDecide(another, 4_500)).toMatchObject({ approvalsRequired: 1 });
  });
});

describe("manual refunds (C7) are capped the same way", () => {
  const past60Days = () => new Date(Date.now() - 75 * 86_400_000).toISOString();

  it("a second manual refund of an order whose first holds it all is not filed", async () => {
    const order = await storedOrder({ total: 900, paymentMethod: "line_pay", transactionId: "2026112399999999001", createdAt: past60Days() });
    const first = await fileAndDecide(order, undefined);
    expect(first.decision).toMatchObject({ outcome: "manual", refundAmount: 900 });
    await expect(fileRequest(services.db, refundOf(order, 100), { type: "user", id: "U0AGENT" })).rejects.toMatchObject({ refundable: 0 });
  });

  it("a manual refund that no longer fits when it is carried out (the order changed since the decision) is stopped before it reaches anyone", async () => {
    const order = await storedOrder({ total: 900, paymentMethod: "line_pay", transactionId: "2026112399999999002", createdAt: past60Days() });
    const row = await fileAndDecide(order, 600);
    await transitionRequest(services.db, { requestId: row.id, from: ["awaiting_approval"], to: "approved", action: "approved", actor: { type: "user", id: "U0BOSS1" } });
    // Refunded elsewhere meanwhile: 500 of 900, so 600 no longer fits.
    await services.db.$executeRaw`UPDATE orders SET refunded = 500 WHERE platform = 'cyberbiz' AND order_id = ${order.orderId}`;
    expect(await executeRequest(services, row.id, { finalAttempt: false })).toBe("failed");
    expect((await effectsOf(services, row.id)).refund).toMatchObject({ status: "failed", errorCode: "exceeds_refundable" });
    expect((await findOrder(services.db, "cyberbiz", order.orderId))?.refunded).toBe(500);
  });
});

describe("a refund is claimed on its order, under a lock, as it starts", () => {
  it("of two approved refunds that together no longer fit, one is made and the other stops before any call", async () => {
    const order = await storedOrder({ total: 1_000 });
    const ids: number[] = [];
    for (const amount of [400, 400]) {
      const row = await fileAndDecide(order, amount);
      await transitionRequest(services.db, { requestId: row.id, from: ["awaiting_approval"], to: "approved", action: "approved", actor: { type: "user", id: "U0BOSS1" } });
      ids.push(row.id);
    }
    await services.db.$executeRaw`UPDATE orders SET refunded = 300 WHERE platform = 'cyberbiz' AND order_id = ${order.orderId}`;
    const results = await Promise.all(ids.map((id) => executeRequest(services, id, { finalAttempt: false })));
    expect(results.sort()).toEqual(["completed", "failed"]);
    expect((await findOrder(services.db, "cyberbiz", order.orderId))?.refunded).toBe(700);
    expect(await services.db.localEffect.count({ where: { orderId: order.orderId, kind: "refund" } })).toBe(1);
  });
});
