import type { FeeBearer, Route } from "../decision";
import { refundableRemainder, type Qoo10Order, type Qoo10Status } from "../order";
import type { RefundRequest } from "../request";
import { amountRuleIds, checkAmount, isFinalState, requestedRefund } from "./general-rules";
import { CUSTOMER_OWN_REASONS, faultOf, qoo10ReasonsFor, qoo10ReasonsForKind, qoo10StoreReasons } from "./reasons";
import { inCatalogOrder, type PolicyRuleId } from "./rule-catalog";
import { NOTHING_TO_RESTORE, refuse, type Refused, type Verdict } from "./verdict";

/** Q8: what counts as shipped; everything else not final is unshipped (`new`, `awaiting_shipment`, `shipping_delayed`). */
export const QOO10_SHIPPED_STATUSES: readonly Qoo10Status[] = ["in_transit", "completed"];

/** Q11: where the customer can cancel by themselves, without the seller. */
const SELF_CANCEL_STATUSES: readonly Qoo10Status[] = ["new", "shipping_delayed"];

/** Q7: the payment methods that carry a payment fee (from 108 JPY). */
const FEE_CARRYING_METHODS: readonly Qoo10Order["paymentMethod"][] = ["bank_transfer", "convenience_store"];

/** Q15: the only kinds Qoo10 knows. */
type Qoo10Request = RefundRequest & { kind: "cancel" | "return" };

export function isShipped(order: Qoo10Order): boolean {
  return QOO10_SHIPPED_STATUSES.includes(order.status);
}

/**
 * The Qoo10 J·QSM rules, Q1–Q15, with G1–G3. Checks run in a fixed order and the first refusal
 * wins: final state, kind (Q15, Q8), amount (G2, Q15), reason (Q3, Q9, Q4, G3), side (Q11).
 */
export function decideQoo10(order: Qoo10Order, request: RefundRequest): Verdict {
  if (isFinalState(order)) return refuse(["G1"], { code: "final_state" });

  if (request.kind === "refund") return refuse(["Q15"], { code: "bare_refund_on_qoo10" });
  const qoo10Request: Qoo10Request = { ...request, kind: request.kind };
  const { kind } = qoo10Request;
  if (kind === "cancel" && isShipped(order)) return refuse(["Q8"], { code: "cancel_after_shipping" });
  if (kind === "return" && !isShipped(order)) return refuse(["Q8"], { code: "return_before_shipping" });

  const amountRefusal = checkAmount(order, request);
  if (amountRefusal) return amountRefusal;
  const remainder = refundableRemainder(order);
  if (request.amount !== undefined && request.amount < remainder) {
    return refuse(["Q15"], { code: "partial_amount_on_qoo10", amount: request.amount, remainder });
  }

  const reasonRefusal = checkReason(order, qoo10Request);
  if (reasonRefusal) return reasonRefusal;

  if (request.flagCustomer) return refuse(["C5"], { code: "warning_flag_outside_cyberbiz_cancel" });

  // Q11: awaiting shipment, a customer cannot cancel; only their filed request can be reviewed.
  // In `new` and `shipping_delayed` they cancel by themselves, with nothing filed.
  const byCustomer = request.initiator === "customer";
  if (kind === "cancel" && byCustomer && order.status === "awaiting_shipment" && !order.customerCancelRequested) {
    return refuse(["Q11", "Q14"], { code: "cancel_request_not_filed" });
  }

  const ruleIds: PolicyRuleId[] = ["Q1", ...reasonRuleIds(qoo10Request), ...amountRuleIds(request)];
  if (request.amount !== undefined) ruleIds.push("Q15");
  if (kind === "return") ruleIds.push("Q8", "Q10");
  if (kind === "cancel" && byCustomer) ruleIds.push("Q11");
  if (kind === "cancel" && byCustomer && order.status !== "shipping_delayed") ruleIds.push("Q12");
  // Q5/Q6: the store tells the buyer first, in the buyer's language; the source does so for returns too.
  if (!byCustomer) ruleIds.push("Q5", "Q6");
  const feeBearer = feeBearerOf(order, request);
  if (feeBearer !== "none") ruleIds.push("Q7");

  return {
    // Q10 (ours): no refund before the goods are back.
    outcome: kind === "return" && !request.returnReceived ? "wait" : "allow",
    route: routeOf(order, request),
    ruleIds: inCatalogOrder(ruleIds),
    // Q15: always the full remainder; a smaller amount was refused above.
    refundAmount: requestedRefund(order, request),
    feeBearer,
    restore: NOTHING_TO_RESTORE,
    buyerNoticeRequired: !byCustomer,
  };
}

/**
 * Q3/Q9 (what fits the kind), G3 (the customer's own reasons), Q4 (the store citing "customer
 * request" needs the customer's filed request). The customer's own request needs nothing filed:
 * it is the request (Q4); only awaiting shipment does their cancel wait for one (Q11, below).
 */
function checkReason(order: Qoo10Order, request: Qoo10Request): Refused | undefined {
  const { kind, reason, initiator } = request;
  const allowed = qoo10ReasonsFor(kind, initiator, order.customerCancelRequested);
  const storeList = qoo10StoreReasons(kind);
  if (!qoo10ReasonsForKind(kind).includes(reason)) return refuse([storeList.ruleId], { code: "reason_not_for_kind", allowed });
  if (initiator !== "store") return undefined;
  if (reason !== "customer_request" && !storeList.reasons.includes(reason)) {
    return refuse([storeList.ruleId, "G3"], { code: "store_side_reason_required", allowed });
  }
  if (reason === "customer_request" && !order.customerCancelRequested) return refuse(["Q4", "G3"], { code: "customer_request_not_filed" });
  return undefined;
}

/** The rule that admitted the reason: Q4 only for the store citing the customer's request. */
function reasonRuleIds(request: Qoo10Request): PolicyRuleId[] {
  if (request.reason === "customer_request" && request.initiator === "store") return ["Q4", "G3"];
  if (CUSTOMER_OWN_REASONS.includes(request.reason)) return ["G3"];
  return [qoo10StoreReasons(request.kind).ruleId];
}

/** Q11/Q12: a customer's own cancel proceeds by itself, or waits for the seller's review; the rest is ours to approve. */
function routeOf(order: Qoo10Order, request: RefundRequest): Route {
  if (request.kind !== "cancel" || request.initiator !== "customer") return "approval_policy";
  return SELF_CANCEL_STATUSES.includes(order.status) ? "auto" : "seller_review";
}

/** Q7: only fee-carrying payments have a fee to bear; the side at fault pays it. */
function feeBearerOf(order: Qoo10Order, request: RefundRequest): FeeBearer {
  if (!FEE_CARRYING_METHODS.includes(order.paymentMethod)) return "none";
  return faultOf(request.reason) === "store" ? "seller" : "customer";
}
