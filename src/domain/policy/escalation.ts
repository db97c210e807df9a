import type { Qoo10Order, Order } from "../order";
import type { RefundRequest } from "../request";
import { evaluate } from "./evaluate";

/**
 * Q14's two cases. `cancel_outside_system`: the customer wants to cancel but has filed nothing in
 * MyQoo10 (the engine refuses such a request and cites Q14). `request_not_withdrawn`: the seller
 * declined a customer's cancel request and the customer will not withdraw it; only the shell
 * knows that, so it asks for the note itself.
 */
export type EscalationSituation = "cancel_outside_system" | "request_not_withdrawn";

/** What the bot records when it escalates to Qoo10 support; the shell adds the conversation so far. */
export interface Escalation {
  readonly ruleId: "Q14";
  readonly situation: EscalationSituation;
  readonly orderId: string;
  readonly note: string;
}

/** Whether a request must go to Qoo10 support instead of the bot (Q14): exactly when `evaluate` cites Q14. */
export function escalationFor(order: Order, request: RefundRequest): Escalation | undefined {
  if (order.platform !== "qoo10") return undefined;
  if (!evaluate(order, request).ruleIds.includes("Q14")) return undefined;
  return escalation(order, "cancel_outside_system");
}

export function escalation(order: Qoo10Order, situation: EscalationSituation): Escalation {
  // The J·QSM contact categories the seed names for each case.
  const { what, category } =
    situation === "cancel_outside_system"
      ? { what: "the customer asks to cancel but has filed no cancel request in MyQoo10", category: "Refund/claim withdrawal › Order cancel/refund (full)" }
      : { what: "the customer will not withdraw a cancel request the seller declined", category: "Refund/claim withdrawal › Claim withdrawal" };
  return {
    ruleId: "Q14",
    situation,
    orderId: order.orderId,
    note: `Escalate order ${order.orderId} to Qoo10 support (${category}) with the conversation so far: ${what} (Q14).`,
  };
}
