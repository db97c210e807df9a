import { UnrecoverableError } from "bullmq";
import type { Services } from "../../app/services";
import { getRequest } from "../../db/requests";
import { requestKindSchema } from "../../domain/request";
import { KIND_LABELS, requestLabel } from "../../slack/format";
import type { Processor } from "../processor";
import { callSlack } from "./call-slack";

/** Tells the agent, privately, that their request is filed and where its decision will appear. */
export function confirmRequestFiledProcessor(services: Services): Processor<"confirm-request-filed"> {
  return async ({ requestId }, context) => {
    const row = await getRequest(services.db, requestId);
    if (!row) throw new UnrecoverableError(`request ${requestId} does not exist`);
    if (row.origin !== "slack" || !row.originChannel) return;
    const kind = KIND_LABELS[requestKindSchema.parse(row.kind)].toLowerCase();
    const text = `:inbox_tray: Filed *${requestLabel(row.id)}*: ${kind} of order ${row.orderId}. The decision will be posted in <#${services.config.channels.requests}>.`;
    try {
      await callSlack(context, () => services.slack.chat.postEphemeral({ channel: row.originChannel!, user: row.requestedBy, text }));
    } catch (error) {
      // The bot may not be in the channel the command came from: say it in a direct message instead.
      if (!(error instanceof UnrecoverableError)) throw error;
      await callSlack(context, () => services.slack.chat.postMessage({ channel: row.requestedBy, text }));
    }
  };
}
