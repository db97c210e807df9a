import { z } from "zod";
import { orderSchema, type CyberbizStatus, type Order, type PaymentMethod } from "../../domain/order";
import { localTimeToIso } from "../shared/local-time";
import type { CyberbizOrder } from "./schemas";

/**
 * Cyberbiz `fulfillment_status` ⇒ our status. Conservative on purpose: C2 lets only a "not
 * shipped" (未出貨) order be cancelled, so only `unshipped` maps to `unshipped`. `preparing`
 * (picking may have begun) and anything we do not know count as shipped: the bot refuses the
 * cancel and an agent decides, rather than cancelling a parcel that is on its way.
 */
export const CYBERBIZ_FULFILLMENT_STATUS: Record<string, CyberbizStatus> = {
  unshipped: "unshipped",
  preparing: "shipped",
  fulfilled: "shipped",
  partial: "shipped",
  problem: "shipped",
  /** Not picked up at the store: the goods left the warehouse. */
  expired: "shipped",
  /** Nothing to ship (e.g. tickets): never "not shipped yet" in C2's sense. */
  no_need: "shipped",
  arrived: "delivered",
  received: "delivered",
  /** The goods came back; our Cyberbiz vocabulary has no `returned`, and a refund may still be due. */
  returned: "delivered",
  cancel: "cancelled",
};

export function cyberbizStatus(order: Pick<CyberbizOrder, "statuses" | "order_status" | "fulfillment_status">): CyberbizStatus {
  const orderStatus = order.statuses?.order_status ?? order.order_status;
  if (orderStatus === "cancelled") return "cancelled";
  const fulfillment = order.statuses?.fulfillment_status ?? order.fulfillment_status;
  return (fulfillment && CYBERBIZ_FULFILLMENT_STATUS[fulfillment]) || "shipped";
}

/**
 * Cyberbiz's payment names are free text (`payment_method`, `payment_name`, usually Chinese).
 * Cash on pickup is checked first: "超商取貨付款" is not a convenience-store payment code.
 */
const PAYMENT_PATTERNS: ReadonlyArray<readonly [RegExp, PaymentMethod]> = [
  [/line\s*pay/i, "line_pay"],
  [/貨到付款|取貨付款|\bcod\b|cash on delivery/i, "other"],
  [/信用卡|credit|card|visa|master|jcb|分期/i, "credit_card"],
  [/atm|轉帳|匯款|虛擬帳號|bank|transfer|remit/i, "bank_transfer"],
  [/超商代碼|超商條碼|超商繳費|convenience|\bcvs\b|ibon|famiport/i, "convenience_store"],
];

export function cyberbizPaymentMethod(order: Pick<CyberbizOrder, "payment_method" | "payment_name">): PaymentMethod {
  for (const text of [order.payment_method, order.payment_name]) {
    if (!text) continue;
    for (const [pattern, method] of PAYMENT_PATTERNS) if (pattern.test(text)) return method;
  }
  return "other";
}

export interface CyberbizMappingOptions {
  currency: string;
  buyerLocale: string;
}

export class CyberbizMappingError extends Error {
  override name = "CyberbizMappingError";
}

/**
 * A Cyberbiz order in the vocabulary of docs/rules.md. Amounts: Cyberbiz sends TWD as floats; TWD has no
 * minor unit at LINE Pay, so they are rounded to whole dollars. `refunded` is the sum of
 * `return_histories` (the whole total once `financial_status` is `refunded`: overstating what was
 * refunded can only stop a refund, never double one). `pointsUsed` is `bonus_consumed` (the reward
 * credit spent, in dollars). Throws CyberbizMappingError when the order cannot be expressed.
 */
export function toOrder(raw: CyberbizOrder, options: CyberbizMappingOptions): Order {
  const createdAt = localTimeToIso(raw.created_at, "+08:00");
  if (!createdAt) throw new CyberbizMappingError(`created_at ${JSON.stringify(raw.created_at)} is not a Taipei date-time`);
  const totalFloat = raw.prices?.total_price ?? raw.subtotal_price;
  if (totalFloat === null || totalFloat === undefined) throw new CyberbizMappingError("the order has no total_price");
  const total = Math.round(totalFloat);

  const financial = raw.statuses?.financial_status ?? raw.financial_status;
  const historyRefunds = Math.round((raw.return_histories ?? []).reduce((sum, entry) => sum + Math.abs(entry?.price ?? 0), 0));
  const refunded = financial === "refunded" ? total : Math.min(total, historyRefunds);

  const discounts = raw.prices?.discounts;
  const couponCodes = [...new Set([discounts?.coupon_discount, ...(discounts?.coupon_discounts ?? [])].map((c) => c?.code?.trim()).filter((c): c is string => !!c))];

  const candidate = {
    platform: "cyberbiz",
    orderId: raw.id,
    status: cyberbizStatus(raw),
    paymentMethod: cyberbizPaymentMethod(raw),
    ...(raw.transaction_number ? { transactionId: raw.transaction_number } : {}),
    currency: options.currency,
    total,
    refunded,
    createdAt,
    pointsUsed: Math.max(0, Math.round(discounts?.bonus_consumed ?? 0)),
    couponCodes,
    customerCancelRequested: raw.customer_cancel_reason_detail !== null && raw.customer_cancel_reason_detail !== undefined,
    buyerLocale: options.buyerLocale,
  };
  const parsed = orderSchema.safeParse(candidate);
  if (!parsed.success) throw new CyberbizMappingError(z.prettifyError(parsed.error));
  return parsed.data;
}
