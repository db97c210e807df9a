import type { Order } from "../order";
import { REASONS, requestKindSchema, type Initiator, type Reason, type RefundRequest, type RequestKind } from "../request";
import { decide, evaluate } from "./evaluate";
import type { Refused } from "./verdict";

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
  return REASONS.filter((reason) => isReasonOffered(order, kind, initiator, reason));
}

/** Whether the modal offers this reason: one evaluation, where listing the offered reasons takes one per reason. */
export function isReasonOffered(order: Order, kind: RequestKind, initiator: Initiator, reason: Reason): boolean {
  return evaluate(order, candidate(order, kind, initiator, reason)).outcome !== "reject";
}

/** Whether the modal offers this kind: it has a reason to offer (looked for until the first). */
export function isKindOffered(order: Order, kind: RequestKind, initiator: Initiator): boolean {
  return REASONS.some((reason) => isReasonOffered(order, kind, initiator, reason));
}

/** The kinds of request the modal should offer for an order and a side: those with at least one reason to offer. */
export function offeredKinds(order: Order, initiator: Initiator): RequestKind[] {
  return requestKindSchema.options.filter((kind) => isKindOffered(order, kind, initiator));
}

/** Refusals that depend on the reason chosen rather than on the order or the kind. */
const REASON_REFUSALS: ReadonlySet<Refused["refusal"]["code"]> = new Set(["reason_not_for_kind", "store_side_reason_required", "customer_request_not_filed"]);

/**
 * Why no request of this kind can succeed for this order and side, or undefined when one can: the
 * refusal of the plainest request, preferring one that holds whatever the reason (the order's state,
 * the kind) to one a reason caused.
 */
export function kindRefusal(order: Order, kind: RequestKind, initiator: Initiator): Refused | undefined {
  if (isKindOffered(order, kind, initiator)) return undefined;
  const refusals = REASONS.flatMap((reason) => {
    const verdict = decide(order, candidate(order, kind, initiator, reason));
    return verdict.outcome === "reject" ? [verdict] : [];
  });
  return refusals.find((refused) => !REASON_REFUSALS.has(refused.refusal.code)) ?? refusals[0];
}
