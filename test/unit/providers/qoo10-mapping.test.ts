import { describe, expect, it } from "vitest";
import { REASONS } from "../../../src/domain/request";
import { ProviderError } from "../../../src/use-cases/ports/providers";
import {
  QapiClient,
  QOO10_CANCEL_REASON,
  QOO10_DEFAULT_URL,
  QOO10_SHIPPING_STATUS,
  Qoo10MappingError,
  qoo10ConfigFromEnv,
  qoo10OrderRowSchema,
  qoo10PaymentMethod,
  qoo10Status,
  qoo10StatusCode,
  qoo10ToOrder,
  type Qoo10Config,
} from "../../../src/providers/qoo10";

describe("Qoo10 cancel reasons (one table)", () => {
  it("has an entry for every one of our reasons", () => {
    expect(Object.keys(QOO10_CANCEL_REASON).sort()).toEqual([...REASONS].sort());
  });

  it("gives Q3's store-side reasons Qoo10's seller codes", () => {
    expect(QOO10_CANCEL_REASON.out_of_stock?.code).toBe("");
    expect(QOO10_CANCEL_REASON.undeliverable_region?.code).toBe("2");
    expect(QOO10_CANCEL_REASON.shipping_delay?.code).toBe("3");
  });

  it("processes a buyer's cancel as an order change, and has no cancel code for return reasons (Q9)", () => {
    expect(QOO10_CANCEL_REASON.customer_request?.code).toBe("1");
    expect(QOO10_CANCEL_REASON.modify_order?.code).toBe("1");
    expect(QOO10_CANCEL_REASON.defective_item).toBeNull();
    expect(QOO10_CANCEL_REASON.wrong_item).toBeNull();
    expect(QOO10_CANCEL_REASON.other).toBeNull();
  });
});

describe("Qoo10 status mapping", () => {
  it.each([
    ["1", "new"],
    ["2", "new"],
    ["3", "awaiting_shipment"],
    ["4", "in_transit"],
    ["5", "completed"],
    ["On request(2)", "new"],
    ["配送準備(3)", "awaiting_shipment"],
    [" 4 ", "in_transit"],
  ])("shippingStatus %j ⇒ %s", (shippingStatus, expected) => {
    expect(qoo10Status({ shippingStatus })).toBe(expected);
  });

  it("covers QAPI's five shipping codes", () => {
    expect(Object.keys(QOO10_SHIPPING_STATUS).sort()).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("reads an unknown or missing shipping status as in transit: nothing unknown is cancelled", () => {
    expect(qoo10Status({ shippingStatus: "9" })).toBe("in_transit");
    expect(qoo10Status({ shippingStatus: "Delivering" })).toBe("in_transit");
    expect(qoo10Status({})).toBe("in_transit");
  });

  it.each([
    ["3", "2", "cancelled"],
    ["16", "1", "cancelled"],
    ["6", "5", "returned"],
    ["14", "5", "returned"],
    ["1", "3", "awaiting_shipment"],
    ["4", "5", "completed"],
    ["5", "4", "in_transit"],
    ["12", "5", "completed"],
  ])("claimStatus %s over shippingStatus %s ⇒ %s", (claimStatus, shippingStatus, expected) => {
    expect(qoo10Status({ claimStatus, shippingStatus })).toBe(expected);
  });

  it("parses status codes", () => {
    expect(qoo10StatusCode("02")).toBe("2");
    expect(qoo10StatusCode("Cancel requested(1)")).toBe("1");
    expect(qoo10StatusCode("")).toBeUndefined();
    expect(qoo10StatusCode("unknown")).toBeUndefined();
  });
});

describe("Qoo10 payment method", () => {
  it.each([
    ["Credit Card", "credit_card"],
    ["クレジットカード", "credit_card"],
    ["Bank Transfer", "bank_transfer"],
    ["銀行振込", "bank_transfer"],
    ["Pay-easy", "bank_transfer"],
    ["コンビニ決済", "convenience_store"],
    ["Convenience Store", "convenience_store"],
    ["Qoo10 Cash", "other"],
    [undefined, "other"],
  ])("%s ⇒ %s", (text, expected) => {
    expect(qoo10PaymentMethod(text)).toBe(expected);
  });
});

describe("Qoo10 order row ⇒ our Order", () => {
  const options = { utcOffset: "+09:00" as const, defaultBuyerLocale: "ja-JP" };
  const row = (overrides: Record<string, unknown> = {}) =>
    qoo10OrderRowSchema.parse({
      orderNo: 1062428737,
      shippingStatus: "2",
      orderDate: "2026-11-21 09:00:00",
      PaymentMethod: "Convenience Store",
      paymentNation: "JP",
      currency: "JPY",
      total: 5800,
      claimStatus: "",
      buyerEmail: "taro@example.jp",
      ...overrides,
    });

  it("maps what the policy reads, with orderDate in Japan time", () => {
    expect(qoo10ToOrder(row(), options)).toEqual({
      platform: "qoo10",
      orderId: "1062428737",
      status: "new",
      paymentMethod: "convenience_store",
      currency: "JPY",
      total: 5800,
      refunded: 0,
      createdAt: "2026-11-21T09:00:00+09:00",
      pointsUsed: 0,
      couponCodes: [],
      customerCancelRequested: false,
      buyerLocale: "ja-JP",
      // What our requests hold of it is the store's to know, not the platform's.
      pending: 0,
      recentRefunds: 0,
    });
  });

  it("marks a buyer's cancel request (claims 1 and 2)", () => {
    expect(qoo10ToOrder(row({ claimStatus: "1", shippingStatus: "3" }), options)).toMatchObject({ status: "awaiting_shipment", customerCancelRequested: true });
    expect(qoo10ToOrder(row({ claimStatus: "2" }), options).customerCancelRequested).toBe(true);
  });

  it("counts a finished claim as fully refunded, a partial non-receipt refund as its balance", () => {
    expect(qoo10ToOrder(row({ claimStatus: "3" }), options)).toMatchObject({ status: "cancelled", refunded: 5800 });
    expect(qoo10ToOrder(row({ claimStatus: "15", shippingStatus: "5", nrPartRefundBalance: 1200 }), options)).toMatchObject({ status: "completed", refunded: 1200 });
  });

  it("writes to the buyer in their site's language (Q6), else the default", () => {
    expect(qoo10ToOrder(row({ paymentNation: "SG", currency: "SGD" }), options).buyerLocale).toBe("en-SG");
    expect(qoo10ToOrder(row({ paymentNation: "ZZ" }), options).buyerLocale).toBe("ja-JP");
  });

  it("refuses an order it cannot express", () => {
    expect(() => qoo10ToOrder(row({ orderDate: "" }), options)).toThrow(Qoo10MappingError);
    expect(() => qoo10ToOrder(row({ total: null, orderPrice: null }), options)).toThrow(/total/);
  });
});

describe("qoo10ConfigFromEnv", () => {
  it("is null without a seller key", () => {
    expect(qoo10ConfigFromEnv({ QOO10_API_URL: "https://api.qoo10.jp" })).toBeNull();
  });

  it("defaults to api.qoo10.jp, Japan time and 3 message attempts", () => {
    expect(qoo10ConfigFromEnv({ QOO10_SELLER_KEY: "S4K-0123456789" })).toEqual({
      apiUrl: QOO10_DEFAULT_URL,
      sellerKey: "S4K-0123456789",
      timeoutMs: 15_000,
      utcOffset: "+09:00",
      defaultBuyerLocale: "ja-JP",
      messageAttempts: 3,
      messageRetryDelayMs: 2_000,
    });
  });
});

describe("QapiClient envelope", () => {
  const config: Qoo10Config = { apiUrl: "http://qapi.invalid", sellerKey: "key-123456", timeoutMs: 1000, utcOffset: "+09:00", defaultBuyerLocale: "ja-JP", messageAttempts: 1, messageRetryDelayMs: 0 };
  const answering = (body: string, status = 200) => async () => new Response(body, { status, headers: { "content-type": "application/json" } });

  it("reads the ErrorCode/ErrorMsg shape as a permanent error", async () => {
    const error = await new QapiClient(config, { fetch: answering('{"ErrorCode":-90001,"ErrorMsg":"存在しないAPIです。"}') }).call("X.Y", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: "-90001", kind: "permanent", message: "存在しないAPIです。" });
  });

  it("accepts ResultCode as text", async () => {
    expect(await new QapiClient(config, { fetch: answering('{"ResultCode":"0","ResultMsg":"SUCCESS","ResultObject":{"a":1}}') }).call("X.Y", {})).toEqual({ a: 1 });
  });

  it("treats a body without the envelope (e.g. XML) as a transient invalid_response", async () => {
    const error = await new QapiClient(config, { fetch: answering("<StdResult/>") }).call("X.Y", {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_response", kind: "transient" });
  });

  it("treats a non-200 as the gateway's: 5xx/429 transient, other statuses permanent", async () => {
    expect(await new QapiClient(config, { fetch: answering("", 502) }).call("X.Y", {}).catch((e: unknown) => e)).toMatchObject({ code: "http_502", kind: "transient" });
    expect(await new QapiClient(config, { fetch: answering("", 404) }).call("X.Y", {}).catch((e: unknown) => e)).toMatchObject({ code: "http_404", kind: "permanent" });
  });
});
