import type { Services } from "../../app/services";
import { getRequest } from "../../db/requests";
import { buildRequestMessage } from "../../slack/messages/request-message";
import { loadRequestMessageInput } from "../../slack/messages/request-message-input";
import type { Processor } from "../processor";
import { callSlack } from "./call-slack";

/** Updates the request's message in place with its current state (always the newest, whatever version asked). */
export function refreshRequestMessageProcessor(services: Services): Processor<"refresh-request-message"> {
  return async ({ requestId }, context) => {
    const row = await getRequest(services.db, requestId);
    // Not posted yet: the publish job renders the newest state when it runs.
    if (!row?.threadTs || !row.threadChannel) return;
    const message = buildRequestMessage(await loadRequestMessageInput(services.db, row));
    await callSlack(context, () => services.slack.chat.update({ channel: row.threadChannel!, ts: row.threadTs!, ...message }));
  };
}
