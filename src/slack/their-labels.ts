import { policySummary as englishPolicySummary } from "../domain/policy";
import type { CyberbizStatus, PaymentMethod, Platform, Qoo10Status } from "../domain/order";
import type { Initiator, Reason, RequestKind } from "../domain/request";
import type { RequestState } from "../domain/request-state";
import type { Words } from "../presentation/words";
import { STATE_LABELS } from "./messages/request-message";

/**
 * The names of the domain's codes in the reader's words, for the person's own surfaces. Labels the
 * catalogs do not hold yet (order statuses, payment methods, request states, the rules) are shown
 * as the engine names them until src/presentation has them.
 */
export function platformLabel(words: Words, platform: Platform): string {
  return words.t(`common.platform.${platform}`);
}

export function kindLabel(words: Words, kind: RequestKind): string {
  return words.t(`common.kind.${kind}`);
}

export function initiatorLabel(words: Words, initiator: Initiator): string {
  return words.t(`common.initiator.${initiator}`);
}

export function reasonLabel(words: Words, reason: Reason): string {
  return words.t(`common.reason.${reason}`);
}

export function statusLabel(_words: Words, status: CyberbizStatus | Qoo10Status): string {
  return status;
}

export function paymentMethodLabel(_words: Words, method: PaymentMethod): string {
  return method.replace("_", " ");
}

export function stateLabel(_words: Words, state: RequestState): string {
  return STATE_LABELS[state];
}

export function policySummary(_words: Words, platform?: Platform): string {
  return englishPolicySummary(platform);
}

/** A decision's explanation as the reader reads it. */
export function explainDecision(_words: Words, decision: { explanation: string }): string {
  return decision.explanation;
}
