import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AmbiguousProviderError, ProviderError, type CancelOrderInput } from "../../../src/use-cases/ports/providers";
import { QOO10_BUYER_MESSAGE, Qoo10OrderSource, type Qoo10Config } from "../../../src/providers/qoo10";
import type { ProviderLogger } from "../../../src/providers/shared/provider-logger";
import { FakeQoo10 } from "../../fakes/fake-qoo10";

const CANCEL = "Claim.SetCancelProcess";
const ORDER_INFO = "ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2";

let fake: FakeQoo10;
let config: Qoo10Config;
let sleeps: number[];

beforeEach(async () => {
  fake = new FakeQoo10();
  const url = await fake.start();
  config = { apiUrl: url, sellerKey: fake.sellerKey, timeoutMs: 400, utcOffset: "+09:00", defaultBuyerLocale: "ja-JP", messageAttempts: 3, messageRetryDelayMs: 500 };
  sleeps = [];
  fake.addOrder({ orderNo: 1062428737, shippingStatus: 2, orderDate: "2026-11-21 09:00:00", total: 5800, paymentMethod: "Credit Card" });
  fake.addOrder({ orderNo: 1062428738, shippingStatus: 3, claimStatus: 1, reason: "注文間違い" });
  fake.addOrder({ orderNo: 1062428739, shippingStatus: 4 });
  fake.addOrder({ orderNo: 1062428740, shippingStatus: 5, claimStatus: 4, reason: "不良品", requestDate: "2026-11-22 12:00:00" });
  fake.addOrder({ orderNo: 1062428741, shippingStatus: 2, claimStatus: 3 });
});

afterEach(async () => {
  await fake.stop();
});

const source = (overrides: Partial<Qoo10Config> = {}) =>
  new Qoo10OrderSource({ ...config, ...overrides }, { sleep: async (ms) => void sleeps.push(ms) });

const storeCancel = (orderId: string, overrides: Partial<CancelOrderInput> = {}): CancelOrderInput => ({
  orderId,
  reason: "out_of_stock",
  initiator: "store",
  notifyCustomer: true,
  flagCustomer: false,
  buyerMessage: "在庫切れのため、ご注文をキャンセルさせていただきます。誠に申し訳ございません。",
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe("Qoo10OrderSource against the QAPI fake", () => {
  it("looks an order up, speaking QAPI: form POST, key and version headers, returnType=json", async () => {
    const order = await source().getOrder("1062428737");
    expect(order).toEqual({
      platform: "qoo10",
      orderId: "1062428737",
      status: "new",
      paymentMethod: "credit_card",
      currency: "JPY",
      total: 5800,
      refunded: 0,
      createdAt: "2026-11-21T09:00:00+09:00",
      pointsUsed: 0,
      couponCodes: [],
      customerCancelRequested: false,
      buyerLocale: "ja-JP",
      pending: 0,
      recentRefunds: 0,
    });
    expect(fake.calls[0]).toMatchObject({ method: ORDER_INFO, keyValid: true, params: { OrderNo: "1062428737", returnType: "json" }, resultCode: 0 });
  });

  it("reads a buyer's cancel request from the claim", async () => {
    expect(await source().getOrder("1062428738")).toMatchObject({ status: "awaiting_shipment", customerCancelRequested: true });
  });

  it("answers null for an unknown order, and for an id that cannot be one (without calling)", async () => {
    expect(await source().getOrder("999999999")).toBeNull();
    expect(await source().getOrder("QX-1")).toBeNull();
    expect(fake.calls).toHaveLength(1);
  });

  it("a wrong seller key ⇒ permanent -10000 with Qoo10's message (HTTP 200), never null", async () => {
    const error = await failure(source({ sellerKey: "not-the-key" }).getOrder("1062428737"));
    expect(error).toMatchObject({ provider: "qoo10", code: "-10000", kind: "permanent", httpStatus: 200, message: "Please check the Seller Authorization Key." });
    expect(fake.calls[0]!.keyValid).toBe(false);
  });

  describe("store-side cancel (Q3, Q5, Q6)", () => {
    it("messages the buyer in the Cancel/Refund category first, then cancels with the seller reason code", async () => {
      const input = storeCancel("1062428737", { reason: "shipping_delay", note: "internal: supplier late" });
      const receipt = await source().cancelOrder(input);

      expect(receipt).toEqual({ reference: "qoo10:cancel:1062428737", alreadyDone: false });
      expect(fake.messages).toEqual([
        { orderNo: "1062428737", category: "キャンセル/払い戻し", title: "キャンセル/払い戻し", contents: input.buyerMessage, delivered: true, seq: expect.any(Number) },
      ]);
      expect(fake.cancellations).toEqual([{ orderNo: "1062428737", cancelReason: "3", sellerMemo: input.buyerMessage, seq: expect.any(Number) }]);
      expect(fake.messages[0]!.seq).toBeLessThan(fake.cancellations[0]!.seq);
      expect(JSON.stringify(fake.calls.map((c) => c.params))).not.toContain("internal: supplier late");
      expect(fake.order(1062428737)).toEqual({ shippingStatus: 2, claimStatus: 3 });
    });

    it("sends no CancelReason for out of stock (Qoo10's default seller reason)", async () => {
      await source().cancelOrder(storeCancel("1062428737"));
      expect(fake.callsTo(CANCEL)[0]!.params.CancelReason).toBeUndefined();
      expect(fake.cancellations[0]!.cancelReason).toBe("");
    });

    it("retries a failed message send, then cancels (Q5: a failed send is retried)", async () => {
      fake.failMessages(2);
      const receipt = await source().cancelOrder(storeCancel("1062428737"));
      expect(receipt.alreadyDone).toBe(false);
      expect(fake.messages.map((m) => m.delivered)).toEqual([false, false, true]);
      expect(sleeps).toEqual([500, 1000]);
      expect(fake.cancellations).toHaveLength(1);
      expect(fake.messages.at(-1)!.seq).toBeLessThan(fake.cancellations[0]!.seq);
    });

    it("does not cancel when the message never gets through: transient buyer_message_failed, Qoo10's last answer kept", async () => {
      fake.failMessages(3, -10002, "Fail");
      const error = await failure(source().cancelOrder(storeCancel("1062428737")));
      expect(error).toMatchObject({ code: "buyer_message_failed", kind: "transient" });
      expect(error.message).toContain("-10002 Fail");
      expect(fake.messages).toHaveLength(3);
      expect(fake.callsTo(CANCEL)).toHaveLength(0);
      expect(fake.order(1062428737)!.claimStatus).toBeUndefined();
    });

    it("does not retry a message the key was refused for", async () => {
      fake.failMessages(1, -10000, "Please check the Seller Authorization Key.");
      expect(await failure(source().cancelOrder(storeCancel("1062428737")))).toMatchObject({ code: "-10000", kind: "permanent" });
      expect(fake.messages).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it("refuses without a buyer message, before calling Qoo10", async () => {
      const error = await failure(source().cancelOrder(storeCancel("1062428737", { buyerMessage: "  " })));
      expect(error).toMatchObject({ code: "buyer_message_required", kind: "permanent" });
      expect(fake.calls).toEqual([]);
    });

    it("does not message again when the worker already did (buyerNotified)", async () => {
      await source().cancelOrder(storeCancel("1062428737", { buyerMessage: undefined, buyerNotified: true }));
      expect(fake.messages).toEqual([]);
      expect(fake.cancellations).toHaveLength(1);
    });

    it("an order already cancelled ⇒ alreadyDone, and the buyer is not messaged about it", async () => {
      expect(await source().cancelOrder(storeCancel("1062428741"))).toEqual({ reference: "qoo10:cancel:1062428741", alreadyDone: true });
      expect(fake.messages).toEqual([]);
      expect(fake.callsTo(CANCEL)).toHaveLength(0);
    });

    it("a shipped order ⇒ Qoo10's -10004 kept, permanent", async () => {
      const error = await failure(source().cancelOrder(storeCancel("1062428739", { buyerNotified: true })));
      expect(error).toMatchObject({ code: "-10004", kind: "permanent", message: "注文状態が正しくありません。" });
    });

    it("refuses a reason Qoo10 has no cancel code for (a return reason, Q9)", async () => {
      expect(await failure(source().cancelOrder(storeCancel("1062428737", { reason: "defective_item" })))).toMatchObject({ code: "unsupported_reason", kind: "permanent" });
      expect(fake.calls).toEqual([]);
    });
  });

  describe("customer-side cancel (Q4, Q11)", () => {
    const customerCancel = (orderId: string): CancelOrderInput => ({ orderId, reason: "customer_request", initiator: "customer", notifyCustomer: false, flagCustomer: false });

    it("processes the buyer's request without a store message, as an order change", async () => {
      expect(await source().cancelOrder(customerCancel("1062428738"))).toEqual({ reference: "qoo10:cancel:1062428738", alreadyDone: false });
      expect(fake.messages).toEqual([]);
      expect(fake.cancellations).toEqual([{ orderNo: "1062428738", cancelReason: "1", seq: expect.any(Number) }]);
    });

    it("a second cancel meets -10004, finds the order cancelled ⇒ alreadyDone", async () => {
      const qoo10 = source();
      await qoo10.cancelOrder(customerCancel("1062428738"));
      expect(await qoo10.cancelOrder(customerCancel("1062428738"))).toEqual({ reference: "qoo10:cancel:1062428738", alreadyDone: true });
      expect(fake.callsTo(CANCEL).map((call) => call.resultCode)).toEqual([0, -10004]);
    });

    it("a timeout ⇒ ambiguous; the retry tells whether it happened", async () => {
      const qoo10 = source();
      fake.failNext(1, { kind: "timeout" });
      expect(await failure(qoo10.cancelOrder(customerCancel("1062428738")))).toBeInstanceOf(AmbiguousProviderError);
      expect(await qoo10.cancelOrder(customerCancel("1062428738"))).toMatchObject({ alreadyDone: false });
    });

    it("HTTP 500 ⇒ transient", async () => {
      fake.failNext(1, { kind: "http500" });
      expect(await failure(source().cancelOrder(customerCancel("1062428738")))).toMatchObject({ code: "http_500", kind: "transient" });
    });
  });

  describe("returns (Q8–Q10)", () => {
    it("accepts the buyer's return claim, once", async () => {
      const qoo10 = source();
      expect(await qoo10.acceptReturn({ orderId: "1062428740", reason: "defective_item" })).toEqual({ reference: "qoo10:claim-accept:1062428740", alreadyDone: false });
      expect(fake.order(1062428740)!.claimStatus).toBe(5);
      expect(fake.callsTo("Claim.SetClaimAccept")[0]!.params).toMatchObject({ orderNo: "1062428740" });
      expect(await qoo10.acceptReturn({ orderId: "1062428740", reason: "defective_item" })).toMatchObject({ alreadyDone: true });
      expect(fake.callsTo("Claim.SetClaimAccept")).toHaveLength(1);
    });

    it("without a return claim ⇒ Qoo10's refusal, permanent; unknown order ⇒ not_found", async () => {
      expect(await failure(source().acceptReturn({ orderId: "1062428739", reason: "defective_item" }))).toMatchObject({ code: "-10004", kind: "permanent" });
      expect(await failure(source().acceptReturn({ orderId: "999999999", reason: "defective_item" }))).toMatchObject({ code: "not_found", kind: "permanent" });
    });
  });

  it("sends a buyer message on its own, subject as title, and gives Qoo10's message number", async () => {
    const receipt = await source().sendBuyerMessage({ orderId: "1062428737", subject: "ご注文のキャンセルについて", body: "本文", locale: "ja-JP" });
    expect(receipt.reference).toMatch(/^qoo10:message:1062428737:88\d+$/);
    expect(fake.messages[0]).toMatchObject({ category: QOO10_BUYER_MESSAGE.category, title: "ご注文のキャンセルについて", contents: "本文", delivered: true });
  });

  describe("claim look-up (GetClaimInfo_V3)", () => {
    it("lists claims in a period, with Japan times turned into ISO", async () => {
      const claims = await source().listClaims({ from: new Date("2026-11-22T00:00:00+09:00"), to: new Date("2026-11-22T23:59:59+09:00") });
      expect(claims).toEqual([
        { orderId: "1062428740", claimStatus: "4", kind: "return", reason: "不良品", requestedAt: "2026-11-22T12:00:00+09:00", amount: 5800, currency: "JPY" },
      ]);
      expect(fake.callsTo("ShippingBasic.GetClaimInfo_V3")[0]!.params).toMatchObject({ search_Sdate: "20261122000000", search_Edate: "20261122235959", search_condition: "2" });
    });

    it("filters by claim code", async () => {
      const now = new Date();
      const claims = await source().listClaims({ claimStatus: 1, from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 60_000) });
      expect(claims.map((claim) => [claim.orderId, claim.kind])).toEqual([["1062428738", "cancel"]]);
    });

    it("refuses a period over 90 days before calling", async () => {
      expect(await failure(source().listClaims({ from: new Date("2026-01-01"), to: new Date("2026-06-01") }))).toMatchObject({ code: "invalid_request" });
      expect(fake.calls).toEqual([]);
    });
  });

  it("never logs the seller key or the buyer's contact data", async () => {
    const lines: string[] = [];
    const capture = ((obj: unknown, msg?: string) => void lines.push(JSON.stringify([obj, msg]))) as ProviderLogger["debug"];
    const qoo10 = new Qoo10OrderSource(config, { log: { debug: capture, warn: capture }, sleep: async () => undefined });
    fake.failMessages(1);
    await qoo10.getOrder("1062428737");
    await qoo10.cancelOrder(storeCancel("1062428737"));
    await new Qoo10OrderSource({ ...config, sellerKey: "wrong-key-xyz" }, { log: { debug: capture, warn: capture } }).getOrder("1062428737").catch(() => undefined);
    const all = lines.join("\n");
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(all).not.toContain(fake.sellerKey);
    expect(all).not.toContain("wrong-key-xyz");
    expect(all).not.toContain("taro@example.jp");
    expect(all).not.toContain("+81-90-0000-0000");
  });
});
