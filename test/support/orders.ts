import { randomBytes } from "node:crypto";
import { orderSchema, type Order, type OrderInput } from "../../src/domain/order";

/** A fresh order id, so tests sharing one database never touch each other's orders. */
export function uniqueOrderId(prefix = "T"): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`.toUpperCase();
}

export function cyberbizOrder(overrides: Partial<OrderInput> = {}): Order {
  return orderSchema.parse({
    platform: "cyberbiz",
    orderId: uniqueOrderId("CB"),
    status: "unshipped",
    paymentMethod: "line_pay",
    transactionId: "2026112300000000001",
    currency: "TWD",
    total: 1200,
    refunded: 0,
    createdAt: "2026-11-20T10:00:00+08:00",
    pointsUsed: 50,
    couponCodes: ["WELCOME10"],
    buyerLocale: "zh-TW",
    ...overrides,
  });
}

export function qoo10Order(overrides: Partial<OrderInput> = {}): Order {
  return orderSchema.parse({
    platform: "qoo10",
    orderId: uniqueOrderId("QX"),
    status: "new",
    paymentMethod: "credit_card",
    currency: "JPY",
    total: 5800,
    refunded: 0,
    createdAt: "2026-11-21T09:00:00+09:00",
    buyerLocale: "ja-JP",
    ...overrides,
  });
}
