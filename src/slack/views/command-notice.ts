import type { Order } from "../../domain/order";
import { kindRefusal, type Refused } from "../../domain/policy";
import type { Initiator, RequestKind } from "../../domain/request";
import { KIND_LABELS, PLATFORM_LABELS } from "../format";

const INSTEAD: Record<RequestKind, string> = {
  cancel: "You can cancel it instead.",
  refund: "You can refund it instead.",
  return: "You can file a return instead.",
};

/** Why the command's own kind cannot succeed, in one sentence ending with the rule that says so. */
function why(order: Order, command: RequestKind, refused: Refused): string {
  const rules = `(${refused.ruleIds.join(", ")})`;
  switch (refused.refusal.code) {
    case "cancel_after_shipping":
      return order.platform === "cyberbiz" && order.status === "delivered" ? `Delivered orders cannot be cancelled ${rules}.` : `Shipped orders cannot be cancelled ${rules}.`;
    case "bare_refund_on_qoo10":
      return `Qoo10 gives money back only through a cancel or a return ${rules}.`;
    case "return_not_on_cyberbiz":
      return `Cyberbiz orders have no returns ${rules}.`;
    case "return_before_shipping":
      return `Orders that have not shipped cannot be returned ${rules}.`;
    case "cancel_request_not_filed":
      return `The customer cannot cancel an order awaiting shipment before they file a cancel request ${rules}.`;
    default:
      return `A ${KIND_LABELS[command].toLowerCase()} of this ${PLATFORM_LABELS[order.platform]} order cannot succeed ${rules}.`;
  }
}

/**
 * What the modal says first when the agent's command asked for a kind the order cannot take and
 * another is offered instead: e.g. "Shipped orders cannot be cancelled (C2). You can refund it
 * instead." Undefined when the command's own kind is the one offered.
 */
export function commandNotice(order: Order, command: RequestKind, initiator: Initiator, offered: RequestKind): string | undefined {
  if (offered === command) return undefined;
  const refused = kindRefusal(order, command, initiator);
  if (!refused) return undefined;
  return `${why(order, command, refused)} ${INSTEAD[offered]}`;
}
