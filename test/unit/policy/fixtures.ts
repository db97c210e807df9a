import { orderSchema, type Order, type OrderInput } from "../../../src/domain/order";
import { refundRequestSchema, type RefundRequest, type RefundRequestInput } from "../../../src/domain/request";

const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

export const CREATED_AT = "2026-03-01T10:00:00+08:00";

/** A time `ms` after CREATED_AT, in UTC: the engine must not care about the zone. */
export function after(ms: number): string {
  return new Date(Date.parse(CREATED_AT) + ms).toISOString();
}

/** An unshipped Cyberbiz order paid with LINE Pay, 1000 TWD, 50 points and one coupon used. */
export function cyberbizOrder(overrides: Partial<Extract<OrderInput, { platform: "cyberbiz" }>> = {}): Order {
  return orderSchema.parse({
    platform: "cyberbiz",
    orderId: "CB-1001",
    status: "unshipped",
    paymentMethod: "line_pay",
    transactionId: "2026030100000012345",
    currency: "TWD",
    total: 1000,
    refunded: 0,
    createdAt: CREATED_AT,
    pointsUsed: 50,
    couponCodes: ["SPRING10"],
    ...overrides,
  });
}

/** A new Qoo10 order paid by bank transfer, 5000 JPY, no cancel request filed. */
export function qoo10Order(overrides: Partial<Extract<OrderInput, { platform: "qoo10" }>> = {}): Order {
  return orderSchema.parse({
    platform: "qoo10",
    orderId: "QO-327294741",
    status: "new",
    paymentMethod: "bank_transfer",
    currency: "JPY",
    total: 5000,
    refunded: 0,
    createdAt: CREATED_AT,
    customerCancelRequested: false,
    buyerLocale: "ja-JP",
    ...overrides,
  });
}

/** A store-side cancel, one day after the order, full amount. */
export function request(overrides: Partial<RefundRequestInput> = {}): RefundRequest {
  return refundRequestSchema.parse({
    kind: "cancel",
    initiator: "store",
    reason: "out_of_stock",
    requestedAt: after(DAY_MS),
    ...overrides,
  });
}
