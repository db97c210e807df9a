import type { Decision } from "../decision";
import { refundableRemainder, type Order } from "../order";
import type { Initiator, Reason, RefundRequest, RequestKind } from "../request";

/** Stored with every decision, so a later change of rules never rewrites why an old request was decided. */
export const ENGINE_VERSION = "0.1.0";

const DAY_MS = 24 * 60 * 60 * 1000;
const LINE_PAY_WINDOW_MS = 60 * DAY_MS;
const QOO10_UNSHIPPED = new Set(["new", "awaiting_shipment", "shipping_delayed"]);
const QOO10_STORE_CANCEL_REASONS: readonly Reason[] = ["out_of_stock", "shipping_delay", "undeliverable_region"];

function reject(ruleIds: string[], explanation: string): Decision {
  return { outcome: "reject", ruleIds, refundAmount: 0, feeBearer: "none", restore: { points: 0, coupons: [] }, buyerNoticeRequired: false, explanation };
}

/** Checks a request against an order snapshot. Pure: "now" is `request.requestedAt`. */
export function evaluate(order: Order, request: RefundRequest): Decision {
  const remainder = refundableRemainder(order);
  const amount = request.amount ?? remainder;
  if (order.status === "cancelled" || order.status === "returned") {
    return reject(["G1"], `Order ${order.orderId} is already ${order.status}; it accepts no further request.`);
  }
  if (amount < 1 || amount > remainder) {
    return reject(["G2"], `The amount must be between 1 and ${remainder} ${order.currency}, what is still refundable on order ${order.orderId}.`);
  }
  if (order.platform === "cyberbiz") {
    if (request.kind === "cancel" && order.status !== "unshipped") {
      return reject(["C2"], `Order ${order.orderId} is ${order.status}, so it cannot be cancelled; only unshipped orders can (C2).`);
    }
    const restore = request.kind === "cancel" ? { points: order.pointsUsed, coupons: order.couponCodes } : { points: 0, coupons: [] };
    const age = Date.parse(request.requestedAt) - Date.parse(order.createdAt);
    if (order.paymentMethod === "line_pay" && age > LINE_PAY_WINDOW_MS) {
      return { outcome: "manual", route: "approval_policy", ruleIds: ["C7"], refundAmount: amount, feeBearer: "seller", restore, buyerNoticeRequired: false, explanation: `Order ${order.orderId} is older than 60 days, so LINE Pay cannot refund it online; refund the customer by other means, the seller pays the transfer fee (C7).` };
    }
    return { outcome: "allow", route: "approval_policy", ruleIds: request.kind === "cancel" ? ["C2"] : ["C8"], refundAmount: amount, feeBearer: "none", restore, buyerNoticeRequired: false, explanation: `Order ${order.orderId} can be ${request.kind === "cancel" ? "cancelled" : "refunded"}.` };
  }
  if (!QOO10_UNSHIPPED.has(order.status)) {
    if (request.kind === "cancel") {
      return reject(["Q8"], `Order ${order.orderId} has shipped, so it cannot be cancelled; file a return instead (Q8).`);
    }
    return { outcome: "allow", route: "approval_policy", ruleIds: ["Q8"], refundAmount: amount, feeBearer: "none", restore: { points: 0, coupons: [] }, buyerNoticeRequired: false, explanation: `Order ${order.orderId} has shipped; it is handled as a return (Q8).` };
  }
  if (request.initiator === "store" && !QOO10_STORE_CANCEL_REASONS.includes(request.reason)) {
    return reject(["Q3"], `A store-side cancel of order ${order.orderId} needs the reason out of stock, shipping delay or undeliverable region (Q3).`);
  }
  return { outcome: "allow", route: "approval_policy", ruleIds: ["Q3"], refundAmount: amount, feeBearer: "none", restore: { points: 0, coupons: [] }, buyerNoticeRequired: request.initiator === "store", explanation: `Order ${order.orderId} can be cancelled.` };
}

/** The kinds of request the modal offers for an order: only those that can succeed. */
export function offeredKinds(order: Order, _initiator: Initiator): RequestKind[] {
  if (order.platform === "cyberbiz") return order.status === "unshipped" ? ["cancel", "refund"] : ["refund"];
  return QOO10_UNSHIPPED.has(order.status) ? ["cancel"] : ["return"];
}

/** The reasons the modal offers for an order, a kind and the side that asks. */
export function offeredReasons(order: Order, _kind: RequestKind, initiator: Initiator): Reason[] {
  if (order.platform === "qoo10" && initiator === "store") return [...QOO10_STORE_CANCEL_REASONS];
  return ["customer_request", "out_of_stock", "shipping_delay", "defective_item", "wrong_item", "other"];
}
