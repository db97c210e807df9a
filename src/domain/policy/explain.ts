import { refundableRemainder, type Order } from "../order";
import type { Reason, RefundRequest } from "../request";
import { reasonLabel } from "./reasons";
import type { Granted, Refused, Refusal, Verdict } from "./verdict";

/**
 * One sentence for a support agent: it names the order and the rules, and on a refusal says what
 * would make the request acceptable.
 */
export function explain(order: Order, request: RefundRequest, verdict: Verdict): string {
  const body = verdict.outcome === "reject" ? explainRefusal(order, request, verdict) : explainGrant(order, request, verdict);
  return `${body} (${verdict.ruleIds.join(", ")}).`;
}

function explainRefusal(order: Order, request: RefundRequest, refused: Refused): string {
  const id = `Order ${order.orderId}`;
  const refusal: Refusal = refused.refusal;
  switch (refusal.code) {
    case "final_state":
      return `${id} is already ${order.status}, a final state, so it accepts no further request; check the order id, and settle anything still owed outside the bot`;
    case "return_not_on_cyberbiz":
      return `${id} is a Cyberbiz order, which has no return request; file a refund instead, for the whole amount or part of it`;
    case "bare_refund_on_qoo10": {
      const instead = order.status === "in_transit" || order.status === "completed" ? "a return, since it has shipped" : "a cancel, since it has not shipped";
      return `${id} is a Qoo10 order, where money goes back only through a cancel or a return; file ${instead}`;
    }
    case "cancel_after_shipping":
      return order.platform === "cyberbiz"
        ? `${id} is ${order.status}, so it cannot be cancelled, only an unshipped order can; file a refund instead`
        : `${id} has shipped (${statusLabel(order)}), so it cannot be cancelled; file a return instead`;
    case "return_before_shipping":
      return `${id} has not shipped yet (${statusLabel(order)}), so there is nothing to return; file a cancel instead`;
    case "nothing_left_to_refund":
      return order.pending > 0
        ? `${id} has nothing left to refund (${money(order.refunded, order)} of ${money(order.total, order)} already refunded, ${money(order.pending, order)} held by its open requests), so there is nothing to do until one of them is rejected`
        : `${id} has nothing left to refund (${order.refunded} of ${money(order.total, order)} already refunded), so there is nothing to do`;
    case "amount_out_of_range":
      return `${id} cannot be refunded ${money(refusal.amount, order)}: the amount must be a whole number from 1 to ${money(refusal.remainder, order)}, what is still refundable${order.pending > 0 ? ` once its open requests (${money(order.pending, order)}) are counted` : ""}; lower it, or leave it out to refund the whole remainder`;
    case "partial_amount_on_qoo10":
      return `${id} is a Qoo10 order, which refunds only in full, so ${money(refusal.amount, order)} of ${money(refusal.remainder, order)} is not possible; leave the amount out to refund it in full`;
    case "reason_not_for_kind":
      return `"${reasonLabel(request.reason)}" is not a reason to ${request.kind} order ${order.orderId}; choose one of ${reasonList(refusal.allowed)}`;
    case "store_side_reason_required":
      return `"${reasonLabel(request.reason)}" can only be given by the buyer, so a store-side ${request.kind} of order ${order.orderId} needs one of ${reasonList(refusal.allowed)}`;
    case "customer_request_not_filed":
      return `${id} has no cancel request filed by the customer, so the store cannot give "customer request"; ask the customer to cancel or file a request in MyQoo10, or choose a store-side reason`;
    case "cancel_request_not_filed":
      return `${id} is awaiting shipment, so the customer cannot cancel it themselves and has filed no cancel request; ask them to file one in MyQoo10 for the seller to review, and escalate to Qoo10 support if they will only cancel outside the system`;
    case "warning_flag_outside_cyberbiz_cancel":
      return `${id} cannot get a warning-account mark, which only a Cyberbiz cancel sets; untick the warning flag`;
  }
}

function explainGrant(order: Order, request: RefundRequest, granted: Granted): string {
  const id = `Order ${order.orderId}`;
  const amount = money(granted.refundAmount, order);
  const remainderAfter = refundableRemainder(order) - granted.refundAmount;
  const partial = remainderAfter > 0 ? ` (${money(remainderAfter, order)} stays refundable)` : "";
  const fee = feePhrase(granted);

  if (order.platform === "cyberbiz") {
    const restored = restoredItems(granted);
    if (granted.outcome === "manual") {
      const cancel = request.kind === "cancel" ? `it can still be cancelled${restored ? ` (${restored} go back to the customer's account)` : ""}, but ` : "";
      return `${id} was created more than 60 days (60×24 h) before this request, so ${cancel}LINE Pay can no longer refund it online: contact the customer and refund ${amount}${partial} by other means, the seller paying the transfer fee`;
    }
    const via = order.paymentMethod === "line_pay" ? "through LINE Pay" : `by ${paymentLabel(order.paymentMethod)}`;
    return request.kind === "cancel"
      ? `${id} can be cancelled, stopping its shipping, with ${amount}${partial} refunded ${via}${restored ? `; ${restored} go back to the customer's account` : ""}`
      : `${id} can be refunded ${amount}${partial} ${via} without cancelling it`;
  }

  const reason = `"${reasonLabel(request.reason)}"`;
  const notice = granted.buyerNoticeRequired ? `; message the buyer under Cancel/Refund first, in ${order.buyerLocale ?? "the language of the buyer's site"}` : "";
  if (request.kind === "return") {
    return granted.outcome === "wait"
      ? `${id} can be returned for ${reason}, but its ${amount} refund waits until the returned goods are confirmed received${fee}${notice}`
      : `${id} can be returned for ${reason} and ${amount} refunded in full, the goods being received${fee}${notice}`;
  }
  if (granted.route === "auto") {
    const silence = order.status === "new" ? " and no one is notified" : "";
    return `${id} is ${statusLabel(order)}, so the customer cancels it themselves for ${reason} and Qoo10 refunds ${amount} automatically${silence}${fee}`;
  }
  if (granted.route === "seller_review") {
    return `The customer's cancel request for order ${order.orderId}, awaiting shipment, notifies the store and needs the seller's review before ${amount} is refunded in full${fee}`;
  }
  return `${id} can be cancelled by the store for ${reason}, refunding ${amount} in full${fee}${notice}`;
}

function money(amount: number, order: Order): string {
  return `${amount} ${order.currency}`;
}

/** C3/C4, as "50 points and coupon SPRING10", or "" when nothing goes back. */
function restoredItems(granted: Granted): string {
  const parts: string[] = [];
  if (granted.restore.points > 0) parts.push(`${granted.restore.points} points`);
  if (granted.restore.coupons.length > 0) parts.push(`coupon${granted.restore.coupons.length > 1 ? "s" : ""} ${granted.restore.coupons.join(", ")}`);
  return parts.join(" and ");
}

function feePhrase(granted: Granted): string {
  if (granted.feeBearer === "seller") return ", the seller bearing the payment fee";
  if (granted.feeBearer === "customer") return ", the payment fee borne by the customer";
  return "";
}

function statusLabel(order: Order): string {
  return order.status.replaceAll("_", " ");
}

function paymentLabel(method: Order["paymentMethod"]): string {
  return method === "other" ? "the original payment method" : method.replaceAll("_", " ");
}

function reasonList(reasons: readonly Reason[]): string {
  return reasons.map((reason) => `"${reasonLabel(reason)}"`).join(", ");
}
