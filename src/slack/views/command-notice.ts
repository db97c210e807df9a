import type { Order } from "../../domain/order";
import { kindRefusal, type Refused } from "../../domain/policy";
import type { Initiator, RequestKind } from "../../domain/request";
import type { Words } from "../../presentation/words";
import { platformLabel } from "../../presentation/index";

/** Why the command's own kind cannot succeed, in one sentence ending with the rule that says so. */
function why(words: Words, order: Order, command: RequestKind, refused: Refused): string {
  const rules = refused.ruleIds.join(", ");
  switch (refused.refusal.code) {
    case "cancel_after_shipping":
      return words.t(order.platform === "cyberbiz" && order.status === "delivered" ? "modals.notice.delivered_cannot_cancel" : "modals.notice.shipped_cannot_cancel", { rules });
    case "bare_refund_on_qoo10":
      return words.t("modals.notice.qoo10_refunds_through_cancel_or_return", { rules });
    case "return_not_on_cyberbiz":
      return words.t("modals.notice.no_returns_on_cyberbiz", { rules });
    case "return_before_shipping":
      return words.t("modals.notice.no_return_before_shipping", { rules });
    case "cancel_request_not_filed":
      return words.t("modals.notice.cancel_request_not_filed", { rules });
    default:
      return words.t("modals.notice.cannot_succeed", { kind: command, platform: platformLabel(words, order.platform), rules });
  }
}

/**
 * What the modal says first when the agent's command asked for a kind the order cannot take and
 * another is offered instead: e.g. "Shipped orders cannot be cancelled (C2). You can refund it
 * instead." Undefined when the command's own kind is the one offered.
 */
export function commandNotice(words: Words, order: Order, command: RequestKind, initiator: Initiator, offered: RequestKind): string | undefined {
  if (offered === command) return undefined;
  const refused = kindRefusal(order, command, initiator);
  if (!refused) return undefined;
  return words.t("modals.notice.why_then_instead", { why: why(words, order, command, refused), kind: offered });
}
