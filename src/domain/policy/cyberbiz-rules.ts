import type { CyberbizOrder } from "../order";
import type { RefundRequest } from "../request";
import { amountRuleIds, checkAmount, requestedRefund } from "./general-rules";
import { inCatalogOrder, type PolicyRuleId } from "./rule-catalog";
import { NOTHING_TO_RESTORE, refuse, type Verdict } from "./verdict";

const HOUR_MS = 60 * 60 * 1000;

/** C7 (ours): "within 60 days" is 60 × 24 hours, whatever the calendar or the time zones say. */
export const LINE_PAY_REFUND_WINDOW_MS = 60 * 24 * HOUR_MS;

/** C7: LINE Pay no longer refunds online once more than 60 × 24 h have passed since the order. */
export function isPastLinePayWindow(order: Pick<CyberbizOrder, "paymentMethod" | "createdAt">, requestedAt: string): boolean {
  if (order.paymentMethod !== "line_pay") return false;
  return Date.parse(requestedAt) - Date.parse(order.createdAt) > LINE_PAY_REFUND_WINDOW_MS;
}

/**
 * The Cyberbiz (LINE Pay) rules, C1–C9, with G1/G2. Checks run in a fixed order and the first
 * refusal wins, so the explanation names the most basic obstacle (a cancelled order before an
 * amount problem).
 */
export function decideCyberbiz(order: CyberbizOrder, request: RefundRequest): Verdict {
  // C6 states G1 for this platform: the cancel is final, so a second one is refused, not repeated.
  if (order.status === "cancelled") return refuse(["C6", "G1"], { code: "final_state" });

  // (ours) Cyberbiz has no return flow in our sources; money for a shipped order goes back as a refund (C8).
  if (request.kind === "return") return refuse(["C8"], { code: "return_not_on_cyberbiz" });

  if (request.kind === "cancel" && order.status !== "unshipped") return refuse(["C2"], { code: "cancel_after_shipping" });

  const amountRefusal = checkAmount(order, request);
  if (amountRefusal) return amountRefusal;

  // The warning-account mark exists only in the cancel form: accepting it elsewhere would drop it silently.
  if (request.flagCustomer && request.kind !== "cancel") return refuse(["C5"], { code: "warning_flag_outside_cyberbiz_cancel" });

  const isCancel = request.kind === "cancel";
  const paidWithLinePay = order.paymentMethod === "line_pay";
  const manual = isPastLinePayWindow(order, request.requestedAt);

  const ruleIds: PolicyRuleId[] = [...amountRuleIds(request)];
  if (isCancel) ruleIds.push("C1", "C2", "C3", "C4", "C5");
  if (!isCancel || request.amount !== undefined) ruleIds.push("C8");
  if (paidWithLinePay) ruleIds.push("C7");
  // C9's two effects (store cancel + LINE Pay refund) exist only when LINE Pay can still refund.
  if (isCancel && paidWithLinePay && !manual) ruleIds.push("C9");

  return {
    outcome: manual ? "manual" : "allow",
    route: "approval_policy",
    ruleIds: inCatalogOrder(ruleIds),
    refundAmount: requestedRefund(order, request),
    // C7: off-platform refunds cost a transfer fee, and the merchant pays it.
    feeBearer: manual ? "seller" : "none",
    // C3/C4: only a cancel gives back what the order used; a refund alone leaves the order standing.
    restore: isCancel ? { points: order.pointsUsed, coupons: [...order.couponCodes] } : NOTHING_TO_RESTORE,
    buyerNoticeRequired: false,
  };
}
