import type { ExplanationData, ExplanationParam, GrantCode } from "../explanation";
import { refundableRemainder, type Order } from "../order";
import type { RefundRequest } from "../request";
import type { Granted, Refused, Verdict } from "./verdict";

type Params = Record<string, ExplanationParam>;

/**
 * Why the verdict was reached, as a code and the data its sentence needs, in no language: the
 * order and the request as they were when decided, so the sentence can be rendered later (and in
 * any language) without the order snapshot. On a refusal the code is the refusal's own.
 */
export function explain(order: Order, request: RefundRequest, verdict: Verdict): ExplanationData {
  const common: Params = {
    orderId: order.orderId,
    platform: order.platform,
    status: order.status,
    currency: order.currency,
    kind: request.kind,
    initiator: request.initiator,
    reason: request.reason,
  };
  return verdict.outcome === "reject"
    ? { code: verdict.refusal.code, params: { ...common, ...refusalParams(order, verdict) } }
    : { code: grantCode(order, request, verdict), params: { ...common, ...grantParams(order, verdict) } };
}

function refusalParams(order: Order, refused: Refused): Params {
  const refusal = refused.refusal;
  switch (refusal.code) {
    case "bare_refund_on_qoo10":
      return { shipped: order.status === "in_transit" || order.status === "completed" };
    case "nothing_left_to_refund":
      return { total: order.total, refunded: order.refunded, pending: order.pending };
    case "amount_out_of_range":
    case "partial_amount_on_qoo10":
      return { amount: refusal.amount, remainder: refusal.remainder, pending: order.pending };
    case "reason_not_for_kind":
    case "store_side_reason_required":
      return { allowed: [...refusal.allowed] };
    default:
      return {};
  }
}

function grantCode(order: Order, request: RefundRequest, granted: Granted): GrantCode {
  if (order.platform === "cyberbiz") {
    if (granted.outcome === "manual") return "line_pay_manual_refund";
    return request.kind === "cancel" ? "cyberbiz_cancel" : "cyberbiz_refund";
  }
  if (request.kind === "return") return granted.outcome === "wait" ? "qoo10_return_waits" : "qoo10_return";
  if (granted.route === "auto") return "qoo10_customer_cancel";
  if (granted.route === "seller_review") return "qoo10_seller_review";
  return "qoo10_store_cancel";
}

function grantParams(order: Order, granted: Granted): Params {
  return {
    amount: granted.refundAmount,
    remainderAfter: refundableRemainder(order) - granted.refundAmount,
    paymentMethod: order.paymentMethod,
    route: granted.route,
    feeBearer: granted.feeBearer,
    points: granted.restore.points,
    coupons: [...granted.restore.coupons],
    buyerNotice: granted.buyerNoticeRequired,
    ...(order.buyerLocale !== undefined ? { buyerLocale: order.buyerLocale } : {}),
  };
}
