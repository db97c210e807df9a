import { decisionSchema } from "../../domain/decision";
import { platformSchema } from "../../domain/order";
import { initiatorSchema, reasonSchema, requestKindSchema } from "../../domain/request";
import { requestStateSchema } from "../../domain/request-state";
import type { RequestRow } from "../../db/requests";
import type { RequestMessageInput } from "./request-message";

/** A stored request, read back into what its Slack message shows. */
export function requestMessageInputOf(row: RequestRow): RequestMessageInput {
  const decision = row.decision === null ? null : decisionSchema.parse(row.decision);
  return {
    id: row.id,
    platform: platformSchema.parse(row.platform),
    orderId: row.orderId,
    kind: requestKindSchema.parse(row.kind),
    initiator: initiatorSchema.parse(row.initiator),
    reason: reasonSchema.parse(row.reason),
    amount: row.amount,
    currency: row.currency,
    note: row.note,
    customerMessage: row.customerMessage,
    requestedBy: row.requestedBy,
    state: requestStateSchema.parse(row.state),
    decision,
    engineVersion: row.engineVersion,
  };
}
