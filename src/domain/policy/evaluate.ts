import type { Decision } from "../decision";
import type { Order } from "../order";
import type { RefundRequest } from "../request";
import { decideCyberbiz } from "./cyberbiz-rules";
import { explain } from "./explain";
import { decideQoo10 } from "./qoo10-rules";
import type { Verdict } from "./verdict";

/** The platform's rules as data, before they are worded: a refusal keeps its code. */
export function decide(order: Order, request: RefundRequest): Verdict {
  return order.platform === "cyberbiz" ? decideCyberbiz(order, request) : decideQoo10(order, request);
}

/**
 * Checks a request against an order snapshot. Pure and deterministic: "now" is
 * `request.requestedAt`, never the clock, so a stored request decides the same way on replay.
 */
export function evaluate(order: Order, request: RefundRequest): Decision {
  const verdict = decide(order, request);
  const explanation = explain(order, request, verdict);
  if (verdict.outcome === "reject") {
    return {
      outcome: "reject",
      ruleIds: [...verdict.ruleIds],
      refundAmount: 0,
      feeBearer: "none",
      restore: { points: 0, coupons: [] },
      buyerNoticeRequired: false,
      explanation,
    };
  }
  return {
    outcome: verdict.outcome,
    route: verdict.route,
    ruleIds: [...verdict.ruleIds],
    refundAmount: verdict.refundAmount,
    feeBearer: verdict.feeBearer,
    restore: { points: verdict.restore.points, coupons: [...verdict.restore.coupons] },
    buyerNoticeRequired: verdict.buyerNoticeRequired,
    explanation,
  };
}
