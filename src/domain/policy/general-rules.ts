import { refundableRemainder, type Order } from "../order";
import type { RefundRequest } from "../request";
import type { PolicyRuleId } from "./rule-catalog";
import { refuse, type Refused } from "./verdict";

/** G1: the states after which an order accepts nothing more. */
export function isFinalState(order: Order): boolean {
  return order.status === "cancelled" || order.status === "returned";
}

/** What the request would refund: the amount asked, or everything still refundable (docs/rules.md, "Request"). */
export function requestedRefund(order: Order, request: RefundRequest): number {
  return request.amount ?? refundableRemainder(order);
}

/**
 * G2: a whole number from 1 to the remainder. The remainder already subtracts earlier refunds, so
 * partial refunds add up to the total and never beyond it.
 */
export function checkAmount(order: Order, request: RefundRequest): Refused | undefined {
  const remainder = refundableRemainder(order);
  if (remainder === 0) return refuse(["G2"], { code: "nothing_left_to_refund" });
  const amount = requestedRefund(order, request);
  if (amount < 1 || amount > remainder) return refuse(["G2"], { code: "amount_out_of_range", amount, remainder });
  return undefined;
}

/** G2 is cited on a granted request only when an explicit amount was checked against the remainder. */
export function amountRuleIds(request: RefundRequest): PolicyRuleId[] {
  return request.amount === undefined ? [] : ["G2"];
}
