import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/app/services";
import { effectsOf, fileAndApprove, linePayTransactionId, randomDigits, settledIn } from "../../support/execution";
import { ExecutionFakes } from "../../support/execution-fakes";
import { cyberbizOrder } from "../../support/orders";
import { findOrder } from "../../../src/db/orders";

// Requests executed as they should be: what each provider is asked, and what the bot records and shows.
const fakes = new ExecutionFakes();
const { linePay, cyberbiz, qoo10, seedCyberbiz, file, fromLocalStore, lastMessageOf } = fakes;
let services: Services;

beforeAll(async () => {
  services = await fakes.start();
});

afterAll(() => fakes.stop());

describe("execution at the providers (loopback fakes of Cyberbiz, LINE Pay and Qoo10)", () => {
  it("a Cyberbiz cancel paid with LINE Pay: cancelled at Cyberbiz (with C5's email and warning flag), refunded once at LINE Pay, points and coupons back with the cancel", async () => {
    const { orderId, tx } = seedCyberbiz({ total: 1200, bonus: 300, coupons: ["WELCOME10"] });
    const id = await file("cyberbiz", orderId, { kind: "cancel", reason: "out_of_stock", notifyCustomer: true, flagCustomer: true });
    await settledIn(services, id, ["completed"]);

    const cancels = cyberbiz.cancellations.filter((c) => c.orderId === Number(orderId));
    expect(cancels).toHaveLength(1);
    expect(cancels[0]!.body).toMatchObject({ cancel_reason: "inventory", email: true, set_warning: true });
    expect(linePay.refundCalls(tx)).toBe(1);
    const refunds = linePay.refundsOf(tx);
    expect(refunds).toEqual([expect.objectContaining({ amount: 1200, transactionType: "PAYMENT_REFUND" })]);

    const effects = await effectsOf(services, id);
    expect(effects.cancel).toMatchObject({ status: "done", provider: "cyberbiz", reference: `cyberbiz:orders/${orderId}/cancelled` });
    expect(effects.refund).toMatchObject({ status: "done", provider: "line_pay", reference: refunds[0]!.refundTransactionId, alreadyDone: false });
    for (const kind of ["restore", "flag_customer", "customer_notice"]) expect(effects[kind]).toMatchObject({ status: "done", via: "included", reference: effects.cancel!.reference });

    await lastMessageOf(id, "cancelled at Cyberbiz ✓ · refunded NT$1,200 at LINE Pay ✓ · 300 points and 1 coupon restored by Cyberbiz ✓");
  });

  it("an order whose payment is in another currency is refused before any refund: nothing is asked of LINE Pay", async () => {
    const tx = linePayTransactionId();
    linePay.addPayment({ transactionId: tx, orderId: "CB-CURRENCY", amount: 1200, currency: "JPY" });
    const order = cyberbizOrder({ currency: "TWD", total: 1200, transactionId: tx, status: "delivered" });
    const id = await fileAndApprove(fromLocalStore(), order, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 500 });
    await settledIn(services, id, ["failed"]);
    expect(linePay.refundCalls(tx)).toBe(0);
    expect((await effectsOf(services, id)).refund).toMatchObject({ status: "failed", errorCode: "currency_mismatch" });
  });

  it("a USD order is refunded in dollars at LINE Pay: 12.34, not 1234", async () => {
    const tx = linePayTransactionId();
    linePay.addPayment({ transactionId: tx, orderId: "CB-USD", amount: 50, currency: "USD" });
    const order = cyberbizOrder({ currency: "USD", total: 5000, transactionId: tx, status: "delivered" });
    const id = await fileAndApprove(fromLocalStore(), order, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 1234 });
    await settledIn(services, id, ["completed"]);
    expect(linePay.refundsOf(tx)).toEqual([expect.objectContaining({ amount: 12.34, transactionType: "PARTIAL_REFUND" })]);
  });

  it("a LINE Pay refund lowers what is left on the order: its refunded total follows LINE Pay's answer", async () => {
    const { orderId } = seedCyberbiz({ total: 3000, fulfillment: "arrived" });
    const id = await file("cyberbiz", orderId, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 400 });
    await settledIn(services, id, ["completed"]);
    expect(await findOrder(services.db, "cyberbiz", orderId)).toMatchObject({ total: 3000, refunded: 400 });
    // The platform has not caught up (its order shows nothing refunded): what the bot refunded stays.
    expect(await services.orders.get("cyberbiz", orderId)).toMatchObject({ refunded: 400 });
    expect(await findOrder(services.db, "cyberbiz", orderId)).toMatchObject({ refunded: 400 });
  });

  it("a full refund whose amount LINE Pay's details do not show at once is recorded as what LINE Pay refunded, never as what was asked; the customer is told that", async () => {
    const tx = linePayTransactionId();
    linePay.addPayment({ transactionId: tx, orderId: "CB-FULL", amount: 1200, currency: "TWD" });
    // 200 went back in LINE Pay's back office, unknown to the store: a full refund now gives back 1,000.
    await services.providers.gatewayNamed("line_pay", "cyberbiz").refund({ transactionId: tx, orderId: "CB-FULL", amount: 200, currency: "TWD", full: false });
    const order = cyberbizOrder({ currency: "TWD", total: 1200, transactionId: tx, status: "delivered", buyerLocale: "en" });
    linePay.failDetailsAfterNextRefund();
    const id = await fileAndApprove(fromLocalStore(), order, { kind: "refund", initiator: "customer", reason: "defective_item", notifyCustomer: true });
    await settledIn(services, id, ["completed"], 30_000);
    expect(linePay.refundsOf(tx).map((r) => r.amount)).toEqual([200, 1000]);
    expect((await effectsOf(services, id)).refund).toMatchObject({ status: "done", params: expect.objectContaining({ refunded: 1000 }) });
    expect(await findOrder(services.db, "cyberbiz", order.orderId)).toMatchObject({ refunded: 1000 });
    const [notice] = await services.db.localEffect.findMany({ where: { orderId: order.orderId, kind: "message" } });
    expect((notice!.detail as { body: string }).body).toContain("NT$1,000");
    expect((notice!.detail as { body: string }).body).not.toContain("NT$1,200");
  });

  it("a partial refund without a cancel asks LINE Pay for that amount only", async () => {
    const { orderId, tx } = seedCyberbiz({ total: 3000, fulfillment: "arrived" });
    const id = await file("cyberbiz", orderId, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 400 });
    await settledIn(services, id, ["completed"]);
    const posts = linePay.calls.filter((c) => c.method === "POST" && c.path === `/v3/payments/${tx}/refund`);
    expect(posts.map((c) => JSON.parse(c.body))).toEqual([{ refundAmount: 400 }]);
    expect(linePay.refundsOf(tx)).toEqual([expect.objectContaining({ amount: 400, transactionType: "PARTIAL_REFUND" })]);
    expect(cyberbiz.cancellations.filter((c) => c.orderId === Number(orderId))).toHaveLength(0);
  });

  it("a Qoo10 store-side cancel: the buyer gets the Cancel/Refund message in Japanese first (Q5, Q6), then Qoo10 cancels and refunds", async () => {
    const orderNo = Number(randomDigits(9));
    qoo10.addOrder({ orderNo, shippingStatus: 2, total: 5800 });
    const id = await file("qoo10", String(orderNo), { kind: "cancel", reason: "out_of_stock", notifyCustomer: true });
    await settledIn(services, id, ["completed"]);

    const messages = qoo10.messages.filter((m) => m.orderNo === String(orderNo));
    const cancels = qoo10.cancellations.filter((c) => c.orderNo === String(orderNo));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ delivered: true, category: "キャンセル/払い戻し", title: `ご注文 ${orderNo} のキャンセルについて` });
    expect(messages[0]!.contents).toContain("在庫切れのため");
    expect(messages[0]!.contents).toMatch(/[￥¥]5,800/);
    expect(cancels).toHaveLength(1);
    expect(cancels[0]!.seq).toBeGreaterThan(messages[0]!.seq);
    expect(cancels[0]!.sellerMemo).toBe(messages[0]!.contents);
    expect(qoo10.order(orderNo)).toMatchObject({ claimStatus: 3 });
    const effects = await effectsOf(services, id);
    expect(effects.q5_notice).toMatchObject({ status: "done", provider: "qoo10" });
    expect(effects.refund).toMatchObject({ status: "done", provider: "qoo10", via: "included", reference: effects.cancel!.reference });
    expect(effects.customer_notice).toBeUndefined();
  });
});
