import type { Order } from "../order";
import { REASONS, requestKindSchema, type Initiator, type Reason, type RefundRequest, type RequestKind } from "../request";
import { evaluate } from "./evaluate";

/**
 * The plainest request of a kind, reason and side: full amount, no flags, goods not yet received
 * (a return that would wait is still offered: it can succeed). No rule refuses on time (C7 only
 * turns a refund manual), so the order's own creation time serves as "now".
 */
function candidate(order: Order, kind: RequestKind, initiator: Initiator, reason: Reason): RefundRequest {
  return { kind, initiator, reason, notifyCustomer: false, flagCustomer: false, returnReceived: false, requestedAt: order.createdAt };
}

/**
 * The reasons a Slack modal should offer for an order, a kind and the side that asks: exactly those
 * for which `evaluate` does not reject. Derived from `evaluate` itself, so the modal can never offer
 * what the engine then refuses.
 */
export function offeredReasons(order: Order, kind: RequestKind, initiator: Initiator): Reason[] {
  return REASONS.filter((reason) => evaluate(order, candidate(order, kind, initiator, reason)).outcome !== "reject");
}

/** The kinds of request the modal should offer for an order and a side: those with at least one reason to offer. */
export function offeredKinds(order: Order, initiator: Initiator): RequestKind[] {
  return requestKindSchema.options.filter((kind) => offeredReasons(order, kind, initiator).length > 0);
}
