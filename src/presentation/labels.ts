import type { FeeBearer, Outcome, Route } from "../domain/decision";
import type { CyberbizStatus, PaymentMethod, Platform, Qoo10Status } from "../domain/order";
import type { Initiator, Reason, RequestKind } from "../domain/request";
import { codeKey } from "./message-keys";
import type { Words } from "./words";

/**
 * The one place the domain's codes get their names (catalog/<locale>/common.json): Slack, the
 * local workspace and the CLI call these, each with its reader's words.
 */
export type OrderStatus = CyberbizStatus | Qoo10Status;

export function platformLabel(words: Words, platform: Platform): string {
  return words.t(codeKey("common.platform", platform));
}

/** "Cancel", "Refund", "Return". */
export function kindLabel(words: Words, kind: RequestKind): string {
  return words.t(codeKey("common.kind", kind));
}

/** "The store", "The customer": who caused the cancellation (Q1). */
export function initiatorLabel(words: Words, initiator: Initiator): string {
  return words.t(codeKey("common.initiator", initiator));
}

export function reasonLabel(words: Words, reason: Reason): string {
  return words.t(codeKey("common.reason", reason));
}

/** An order status in the words its platform's own back office uses. */
export function statusLabel(words: Words, status: OrderStatus): string {
  return words.t(codeKey("common.status", status));
}

export function paymentMethodLabel(words: Words, method: PaymentMethod): string {
  return words.t(codeKey("common.payment", method));
}

/** The engine's outcome: "Allowed", "Manual refund", "Waiting", "Refused". */
export function outcomeLabel(words: Words, outcome: Outcome): string {
  return words.t(codeKey("common.outcome", outcome));
}

/** Who must agree before a decision is executed. */
export function routeLabel(words: Words, route: Route): string {
  return words.t(codeKey("common.route", route));
}

/** Who pays the payment fee. */
export function feeBearerLabel(words: Words, bearer: FeeBearer): string {
  return words.t(codeKey("common.fee_bearer", bearer));
}
