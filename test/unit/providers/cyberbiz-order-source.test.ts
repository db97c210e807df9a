import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CyberbizOrderSource, type CyberbizConfig } from "../../../src/providers/cyberbiz";
import { AmbiguousProviderError, ProviderError, type CancelOrderInput } from "../../../src/use-cases/ports/providers";
import type { ProviderLogger } from "../../../src/providers/shared/provider-logger";
import { FakeCyberbiz } from "../../fakes/fake-cyberbiz";

const LINE_PAY_TX = "2026112300000000123";

let fake: FakeCyberbiz;
let config: CyberbizConfig;

beforeEach(async () => {
  fake = new FakeCyberbiz();
  const url = await fake.start();
  config = { apiUrl: url, apiToken: fake.token, timeoutMs: 400, currency: "TWD", buyerLocale: "zh-TW", rateLimit: { limit: 5, windowMs: 1_100 } };
  fake.addOrder({ id: 1001, transaction_number: LINE_PAY_TX, transactionNumberAsNumber: true, total_price: 1200, created_at: "2026-11-20 10:00:00", bonus_consumed: 50, coupon_codes: ["WELCOME10"] });
  fake.addOrder({ id: 1002, fulfillment_status: "fulfilled" });
});

afterEach(async () => {
  await fake.stop();
});

const cancel = (orderId: string, overrides: Partial<CancelOrderInput> = {}): CancelOrderInput => ({
  orderId,
  reason: "out_of_stock",
  initiator: "store",
  notifyCustomer: true,
  flagCustomer: false,
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

describe("CyberbizOrderSource against the Cyberbiz fake", () => {
  it("looks an order up in our vocabulary, the LINE Pay id exact although sent as a bare number", async () => {
    const order = await new CyberbizOrderSource(config).getOrder("1001");
    expect(order).toEqual({
      platform: "cyberbiz",
      orderId: "1001",
      status: "unshipped",
      paymentMethod: "line_pay",
      transactionId: LINE_PAY_TX,
      currency: "TWD",
      total: 1200,
      refunded: 0,
      createdAt: "2026-11-20T10:00:00+08:00",
      pointsUsed: 50,
      couponCodes: ["WELCOME10"],
      customerCancelRequested: false,
      buyerLocale: "zh-TW",
      // What our requests hold of it is the store's to know, not the platform's.
      pending: 0,
      recentRefunds: 0,
    });
    expect(fake.calls[0]).toMatchObject({ method: "GET", path: "/v1/orders/1001", status: 200, authorization: `Bearer ${fake.token}` });
  });

  it("answers null for an order Cyberbiz does not know, and for an id that cannot be one", async () => {
    const source = new CyberbizOrderSource(config);
    expect(await source.getOrder("424242")).toBeNull();
    expect(await source.getOrder("CB-1001")).toBeNull();
    expect(fake.callCount()).toBe(1);
  });

  it("a wrong token ⇒ permanent `unauthorized` (401)", async () => {
    const error = await failure(new CyberbizOrderSource({ ...config, apiToken: "wrong-token-wrong-token" }).getOrder("1001"));
    expect(error).toMatchObject({ provider: "cyberbiz", code: "unauthorized", kind: "permanent", httpStatus: 401, message: "401 Unauthorized" });
  });

  describe("cancel", () => {
    it("cancels an unshipped order with the reason code, note, email and warning flags (C5)", async () => {
      const receipt = await new CyberbizOrderSource(config).cancelOrder(cancel("1001", { note: "supplier out", flagCustomer: true }));
      expect(receipt).toEqual({ reference: "cyberbiz:orders/1001/cancelled", alreadyDone: false });
      expect(fake.cancellations).toEqual([
        { orderId: 1001, body: { cancel_reason: "inventory", cancel_reason_detail: "other", other_cancel_reason_detail: "supplier out", email: true, set_warning: true } },
      ]);
      expect((fake.order(1001)!.statuses as { order_status: string }).order_status).toBe("cancelled");
    });

    it("a second cancel finds the order already cancelled ⇒ alreadyDone, not an error (C6)", async () => {
      const source = new CyberbizOrderSource(config);
      await source.cancelOrder(cancel("1001"));
      const again = await source.cancelOrder(cancel("1001"));
      expect(again).toEqual({ reference: "cyberbiz:orders/1001/cancelled", alreadyDone: true });
      expect(fake.cancellations).toHaveLength(1);
      expect(fake.callsTo("PUT", /cancelled$/).map((call) => call.status)).toEqual([200, 403]);
    });

    it("a shipped order ⇒ permanent, with Cyberbiz's message and status kept", async () => {
      const error = await failure(new CyberbizOrderSource(config).cancelOrder(cancel("1002")));
      expect(error).toMatchObject({ code: "state_does_not_allow", kind: "permanent", httpStatus: 403, message: "訂單狀態不允許取消" });
    });

    it("an unknown order ⇒ permanent not_found (404)", async () => {
      expect(await failure(new CyberbizOrderSource(config).cancelOrder(cancel("424242")))).toMatchObject({ code: "not_found", kind: "permanent", httpStatus: 404 });
    });

    it("422 ⇒ permanent unprocessable, message kept", async () => {
      fake.failNext(1, { kind: "http", status: 422, body: { message: "cancel_reason is missing" } });
      expect(await failure(new CyberbizOrderSource(config).cancelOrder(cancel("1001")))).toMatchObject({ code: "unprocessable", kind: "permanent", message: "cancel_reason is missing" });
    });

    it("5xx ⇒ transient, with Retry-After when given; a retry then cancels once", async () => {
      const source = new CyberbizOrderSource(config);
      fake.failNext(1, { kind: "http", status: 503, retryAfterSeconds: 7 });
      expect(await failure(source.cancelOrder(cancel("1001")))).toMatchObject({ code: "http_503", kind: "transient", retryAfterMs: 7000 });
      fake.failNext(1, { kind: "http500" });
      expect(await failure(source.cancelOrder(cancel("1001")))).toMatchObject({ code: "http_500", kind: "transient" });
      expect(await source.cancelOrder(cancel("1001"))).toEqual({ reference: "cyberbiz:orders/1001/cancelled", alreadyDone: false });
    });

    it("a timeout ⇒ ambiguous; the retry finds the order's real state", async () => {
      const source = new CyberbizOrderSource(config);
      fake.failNext(1, { kind: "timeout" });
      const error = await failure(source.cancelOrder(cancel("1001")));
      expect(error).toBeInstanceOf(AmbiguousProviderError);
      expect(await source.cancelOrder(cancel("1001"))).toMatchObject({ alreadyDone: false });
    });

    it("a reset ⇒ ambiguous", async () => {
      fake.failNext(1, { kind: "reset" });
      expect(await failure(new CyberbizOrderSource(config).getOrder("1001"))).toBeInstanceOf(AmbiguousProviderError);
    });
  });

  describe("the rate limit of 5 requests per second", () => {
    it("is respected: 11 lookups take at least two windows and meet no 429", async () => {
      const source = new CyberbizOrderSource(config);
      const started = Date.now();
      const orders = await Promise.all(Array.from({ length: 11 }, () => source.getOrder("1001")));
      const elapsed = Date.now() - started;

      expect(orders.every((order) => order?.orderId === "1001")).toBe(true);
      expect(fake.count429()).toBe(0);
      expect(fake.callCount()).toBe(11);
      // Counted, not timed to the millisecond: 11 calls at 5 per window need 3 windows, so ≥ 2 full ones.
      expect(elapsed).toBeGreaterThanOrEqual(2 * 1000);
      const arrivals = fake.calls.map((call) => call.at);
      for (const t of arrivals) expect(arrivals.filter((u) => u >= t && u - t < 1000).length).toBeLessThanOrEqual(5);
    });

    it("is really enforced by the fake: a client without its limiter meets 429 + Retry-After", async () => {
      const greedy = new CyberbizOrderSource({ ...config, rateLimit: { limit: 100, windowMs: 1000 } });
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => greedy.getOrder("1001")));
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as ProviderError);
      expect(fake.count429()).toBe(3);
      expect(refused).toHaveLength(3);
      for (const error of refused) expect(error).toMatchObject({ code: "rate_limited", kind: "transient", httpStatus: 429, retryAfterMs: 1000 });
    });

    it("after a 429 the client holds its next calls for Retry-After", async () => {
      const source = new CyberbizOrderSource(config);
      fake.failNext(1, { kind: "http", status: 429, retryAfterSeconds: 1 });
      expect(await failure(source.getOrder("1001"))).toMatchObject({ code: "rate_limited", retryAfterMs: 1000 });
      const started = Date.now();
      await source.getOrder("1001");
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });
  });

  it("has no return or message API: acceptReturn is refused, sendBuyerMessage relies on the cancel email; neither calls Cyberbiz", async () => {
    const source = new CyberbizOrderSource(config);
    expect(await failure(source.acceptReturn({ orderId: "1001", reason: "defective_item" }))).toMatchObject({ code: "unsupported", kind: "permanent" });
    expect(await source.sendBuyerMessage({ orderId: "1001", subject: "訂單取消", body: "…", locale: "zh-TW" })).toEqual({ reference: "cyberbiz:notified-by-cancel-email", alreadyDone: true });
    expect(fake.callCount()).toBe(0);
  });

  it("never logs the token or the customer's contact data", async () => {
    const lines: string[] = [];
    const capture = ((obj: unknown, msg?: string) => void lines.push(JSON.stringify([obj, msg]))) as ProviderLogger["debug"];
    const source = new CyberbizOrderSource(config, { log: { debug: capture, warn: capture } });
    await source.getOrder("1001");
    await source.cancelOrder(cancel("1001"));
    await source.cancelOrder(cancel("1002")).catch(() => undefined);
    fake.failNext(1, { kind: "timeout" });
    await source.getOrder("1001").catch(() => undefined);
    const all = lines.join("\n");
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(all).not.toContain(fake.token);
    expect(all).not.toContain("buyer@example.com");
    expect(all).not.toContain("0912345678");
  });
});
