import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { findOrder } from "../../../src/db/orders";
import { startWorkers, type RunningWorkers } from "../../../src/queue/start-workers";
import { FakeSlackApi } from "../../fakes/fake-slack-api";
import { actions, effectsOf, fileAndApprove, settledIn } from "../../support/execution";
import { cyberbizOrder, qoo10Order } from "../../support/orders";
import { testServices } from "../../support/test-services";

let slack: FakeSlackApi;
let services: Services;
let workers: RunningWorkers;

beforeAll(async () => {
  slack = new FakeSlackApi();
  await slack.start();
  services = testServices(slack.apiUrl, { WORKER_CONCURRENCY: "4" });
  workers = await startWorkers(services);
});

afterAll(async () => {
  await workers?.close();
  await services?.close();
  await slack?.stop();
});

describe("execution on the local store (no provider configured: the default and the demo)", () => {
  it("a Cyberbiz cancel: cancels the order, refunds it, restores points and coupons, flags and tells the customer, each once", async () => {
    const order = cyberbizOrder({ pointsUsed: 100, couponCodes: ["WELCOME10"], buyerLocale: "zh-TW" });
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock", notifyCustomer: true, flagCustomer: true });
    await settledIn(services, id, ["completed"]);

    const effects = await effectsOf(services, id);
    expect(Object.keys(effects)).toEqual(["cancel", "refund", "restore", "flag_customer", "customer_notice"]);
    for (const effect of Object.values(effects)) expect(effect).toMatchObject({ status: "done", provider: "local", via: "call", attempt: 1 });
    expect(effects.refund!.reference).toMatch(/^local:refund:/);

    const stored = await findOrder(services.db, "cyberbiz", order.orderId);
    expect(stored).toMatchObject({ status: "cancelled", refunded: 1200 });
    const local = await services.db.localEffect.findMany({ where: { orderId: order.orderId }, orderBy: { id: "asc" } });
    expect(local.map((row) => row.kind)).toEqual(["cancel", "refund", "restore", "flag", "message"]);
    expect(local[2]!.detail).toEqual({ points: 100, coupons: ["WELCOME10"] });
    expect(local[4]!.detail).toMatchObject({ locale: "zh-TW", subject: `訂單 ${order.orderId} 取消通知` });

    expect(await actions(services, id)).toEqual([
      "filed", "decided", "approved", "execution_started",
      "effect_done", "effect_done", "effect_done", "effect_done", "effect_done", "completed",
    ]);
  });

  it("a partial refund without a cancel refunds the amount asked and leaves the order standing", async () => {
    const order = cyberbizOrder({ status: "delivered", total: 3000, refunded: 500 });
    const id = await fileAndApprove(services, order, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 700 });
    await settledIn(services, id, ["completed"]);
    expect(Object.keys(await effectsOf(services, id))).toEqual(["refund"]);
    expect(await findOrder(services.db, "cyberbiz", order.orderId)).toMatchObject({ status: "delivered", refunded: 1200 });
  });

  it("a Qoo10 store-side cancel tells the buyer first (Q5) in Japanese, then cancels and refunds", async () => {
    const order = qoo10Order({ buyerLocale: "ja-JP" });
    const id = await fileAndApprove(services, order, { kind: "cancel", reason: "out_of_stock", notifyCustomer: true });
    await settledIn(services, id, ["completed"]);
    const effects = await effectsOf(services, id);
    expect(Object.keys(effects)).toEqual(["q5_notice", "cancel", "refund"]);
    const messages = await services.db.localEffect.findMany({ where: { orderId: order.orderId, kind: "message" } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.detail).toMatchObject({ locale: "ja", subject: `ご注文 ${order.orderId} のキャンセルについて` });
    expect(await findOrder(services.db, "qoo10", order.orderId)).toMatchObject({ status: "cancelled", refunded: 5800 });
  });
});
