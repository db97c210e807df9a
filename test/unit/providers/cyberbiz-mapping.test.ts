import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REASONS } from "../../../src/domain/request";
import {
  CYBERBIZ_CANCEL_REASON,
  CYBERBIZ_DEFAULT_URL,
  CYBERBIZ_FULFILLMENT_STATUS,
  CyberbizMappingError,
  cyberbizCancelBody,
  cyberbizConfigFromEnv,
  cyberbizOrderSchema,
  cyberbizPaymentMethod,
  cyberbizStatus,
  cyberbizToOrder,
} from "../../../src/providers/cyberbiz";
import { ProviderConfigError } from "../../../src/config/providers/provider-env";

const CYBERBIZ_REASONS = ["customer", "duplicate", "not_pay", "fraud", "inventory", "forgot", "not_shipped_yet", "pos_sp_return", "card_paid_fail", "other"];

describe("Cyberbiz cancel reasons (one table)", () => {
  it("maps every one of our reasons to a value Cyberbiz accepts", () => {
    expect(Object.keys(CYBERBIZ_CANCEL_REASON).sort()).toEqual([...REASONS].sort());
    for (const value of Object.values(CYBERBIZ_CANCEL_REASON)) expect(CYBERBIZ_REASONS).toContain(value);
  });

  it.each([
    ["out_of_stock", "inventory"],
    ["customer_request", "customer"],
    ["modify_order", "customer"],
    ["shipping_delay", "other"],
    ["undeliverable_region", "other"],
    ["defective_item", "other"],
    ["wrong_item", "other"],
    ["other", "other"],
  ] as const)("%s ⇒ %s", (reason, expected) => {
    expect(CYBERBIZ_CANCEL_REASON[reason]).toBe(expected);
  });

  it("carries C5's email and warning-account flags", () => {
    expect(cyberbizCancelBody({ reason: "out_of_stock", notifyCustomer: true, flagCustomer: false })).toEqual({ cancel_reason: "inventory", email: true, set_warning: false });
    expect(cyberbizCancelBody({ reason: "customer_request", notifyCustomer: false, flagCustomer: true })).toEqual({ cancel_reason: "customer", email: false, set_warning: true });
  });

  it("puts the note in other_cancel_reason_detail (detail `other`), cut to 255 characters", () => {
    expect(cyberbizCancelBody({ reason: "out_of_stock", note: "  supplier delay  ", notifyCustomer: true, flagCustomer: false })).toEqual({
      cancel_reason: "inventory",
      cancel_reason_detail: "other",
      other_cancel_reason_detail: "supplier delay",
      email: true,
      set_warning: false,
    });
    expect(cyberbizCancelBody({ reason: "other", note: "x".repeat(400), notifyCustomer: false, flagCustomer: false }).other_cancel_reason_detail).toHaveLength(255);
  });

  it("says which of our reasons hid behind `other` when there is no note", () => {
    expect(cyberbizCancelBody({ reason: "shipping_delay", notifyCustomer: false, flagCustomer: false })).toMatchObject({ cancel_reason: "other", cancel_reason_detail: "other", other_cancel_reason_detail: "shipping delay" });
    expect(cyberbizCancelBody({ reason: "modify_order", notifyCustomer: false, flagCustomer: false })).toMatchObject({ cancel_reason: "customer", other_cancel_reason_detail: "modify order" });
  });
});

describe("Cyberbiz status mapping", () => {
  it.each([
    ["unshipped", "unshipped"],
    ["preparing", "shipped"],
    ["fulfilled", "shipped"],
    ["partial", "shipped"],
    ["problem", "shipped"],
    ["expired", "shipped"],
    ["no_need", "shipped"],
    ["arrived", "delivered"],
    ["received", "delivered"],
    ["returned", "delivered"],
    ["cancel", "cancelled"],
  ])("fulfillment_status %s ⇒ %s", (fulfillment, expected) => {
    expect(cyberbizStatus({ statuses: { fulfillment_status: fulfillment, order_status: "open" } })).toBe(expected);
  });

  it("knows every documented fulfillment_status", () => {
    expect(Object.keys(CYBERBIZ_FULFILLMENT_STATUS).sort()).toEqual(["arrived", "cancel", "expired", "fulfilled", "no_need", "partial", "preparing", "problem", "received", "returned", "unshipped"]);
  });

  it("an order_status of cancelled wins over the shipping status", () => {
    expect(cyberbizStatus({ statuses: { order_status: "cancelled", fulfillment_status: "unshipped" } })).toBe("cancelled");
  });

  it("reads top-level status fields too", () => {
    expect(cyberbizStatus({ fulfillment_status: "unshipped" })).toBe("unshipped");
  });

  it("only a truly unshipped order is `unshipped`: unknown or missing ⇒ shipped (property)", () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), (fulfillment) => {
        fc.pre(fulfillment !== "unshipped");
        expect(cyberbizStatus({ statuses: { fulfillment_status: fulfillment, order_status: "open" } })).not.toBe("unshipped");
      }),
    );
    expect(cyberbizStatus({})).toBe("shipped");
  });
});

describe("Cyberbiz payment method", () => {
  it.each([
    ["LINE Pay", "line_pay"],
    ["LinePay", "line_pay"],
    ["信用卡一次付清", "credit_card"],
    ["Credit Card", "credit_card"],
    ["ATM 虛擬帳號轉帳", "bank_transfer"],
    ["超商代碼繳費", "convenience_store"],
    ["超商取貨付款", "other"],
    ["貨到付款", "other"],
    ["街口支付", "other"],
  ])("%s ⇒ %s", (text, expected) => {
    expect(cyberbizPaymentMethod({ payment_method: text })).toBe(expected);
  });

  it("falls back to payment_name, then to other", () => {
    expect(cyberbizPaymentMethod({ payment_method: null, payment_name: "LINE Pay" })).toBe("line_pay");
    expect(cyberbizPaymentMethod({})).toBe("other");
  });
});

describe("Cyberbiz order ⇒ our Order", () => {
  const raw = (overrides: Record<string, unknown> = {}) =>
    cyberbizOrderSchema.parse({
      id: 1001,
      created_at: "2026-11-20 10:00:00",
      payment_method: "LINE Pay",
      transaction_number: "2026112300000000001",
      prices: { total_price: 1199.6, discounts: { bonus_consumed: 50.0, coupon_discount: { code: "WELCOME10" }, coupon_discounts: [{ code: "WELCOME10" }, { code: "VIP" }, null] } },
      statuses: { order_status: "open", financial_status: "paid", fulfillment_status: "unshipped" },
      return_histories: [],
      unknown_field: { anything: true },
      ...overrides,
    });
  const options = { currency: "TWD", buyerLocale: "zh-TW" };

  it("maps the fields the policy reads, with created_at in Taipei time", () => {
    expect(cyberbizToOrder(raw(), options)).toEqual({
      platform: "cyberbiz",
      orderId: "1001",
      status: "unshipped",
      paymentMethod: "line_pay",
      transactionId: "2026112300000000001",
      currency: "TWD",
      total: 1200,
      refunded: 0,
      createdAt: "2026-11-20T10:00:00+08:00",
      pointsUsed: 50,
      couponCodes: ["WELCOME10", "VIP"],
      customerCancelRequested: false,
      buyerLocale: "zh-TW",
      // What our requests hold of it is the store's to know, not the platform's.
      pending: 0,
      recentRefunds: 0,
    });
  });

  it("sums return_histories into refunded, and counts a refunded order as fully refunded", () => {
    expect(cyberbizToOrder(raw({ return_histories: [{ price: 100.0 }, { price: 50.4 }] }), options).refunded).toBe(150);
    expect(cyberbizToOrder(raw({ statuses: { order_status: "open", financial_status: "refunded", fulfillment_status: "unshipped" } }), options).refunded).toBe(1200);
  });

  it("keeps a transaction number sent as a number as its digits", () => {
    expect(cyberbizToOrder(raw({ transaction_number: 12345 }), options).transactionId).toBe("12345");
    expect(cyberbizToOrder(raw({ transaction_number: null }), options).transactionId).toBeUndefined();
  });

  it("notes a customer's cancel request", () => {
    expect(cyberbizToOrder(raw({ customer_cancel_reason_detail: { source: "customer", reason_id: 1 } }), options).customerCancelRequested).toBe(true);
  });

  it("refuses an order it cannot express", () => {
    expect(() => cyberbizToOrder(raw({ created_at: "not a date" }), options)).toThrow(CyberbizMappingError);
    expect(() => cyberbizToOrder(raw({ prices: null, subtotal_price: null }), options)).toThrow(/total_price/);
  });
});

describe("cyberbizConfigFromEnv", () => {
  it("is null without a token", () => {
    expect(cyberbizConfigFromEnv({ CYBERBIZ_API_URL: "https://x.example" })).toBeNull();
  });

  it("defaults the URL, 5 requests per (1 s + margin), TWD and zh-TW", () => {
    expect(cyberbizConfigFromEnv({ CYBERBIZ_API_TOKEN: "eyJhbGciOiJIUzI1NiJ9.token" })).toEqual({
      apiUrl: CYBERBIZ_DEFAULT_URL,
      apiToken: "eyJhbGciOiJIUzI1NiJ9.token",
      timeoutMs: 15_000,
      currency: "TWD",
      buyerLocale: "zh-TW",
      rateLimit: { limit: 5, windowMs: 1_100 },
    });
  });

  it("names a bad URL without echoing the token", () => {
    const token = "eyJhbGciOiJIUzI1NiJ9.secret-token";
    expect(() => cyberbizConfigFromEnv({ CYBERBIZ_API_TOKEN: token, CYBERBIZ_API_URL: "nope" })).toThrow(ProviderConfigError);
    expect(() => cyberbizConfigFromEnv({ CYBERBIZ_API_TOKEN: token, CYBERBIZ_API_URL: "nope" })).not.toThrow(new RegExp(token));
  });
});
