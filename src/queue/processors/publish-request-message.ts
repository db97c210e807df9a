import { UnrecoverableError } from "bullmq";
import type { Services } from "../../app/services";
import { getRequest, rememberThread } from "../../db/requests";
import { buildRequestMessage } from "../../slack/messages/request-message";
import { loadRequestMessageInput } from "../../slack/messages/request-message-input";
import type { Processor } from "../processor";
import { callSlack } from "./call-slack";

/**
 * Posts the request's message to the requests channel (or updates it when it exists). Its ts is
 * kept: the message is updated in place afterwards and its thread carries every later step.
 */
export function publishRequestMessageProcessor(services: Services): Processor<"publish-request-message"> {
  return async ({ requestId }, context) => {
    const row = await getRequest(services.db, requestId);
    if (!row) throw new UnrecoverableError(`request ${requestId} does not exist`);
    const message = buildRequestMessage(await loadRequestMessageInput(services.db, row));
    if (row.threadTs && row.threadChannel) {
      await callSlack(context, () => services.slack.chat.update({ channel: row.threadChannel!, ts: row.threadTs!, ...message }));
    } else {
      const posted = await callSlack(context, () =>
        services.slack.chat.postMessage({ channel: services.config.channels.requests, ...message, unfurl_links: false, unfurl_media: false }),
      );
      if (!posted.ts || !posted.channel) throw new Error("chat.postMessage answered without channel and ts");
      await rememberThread(services.db, requestId, posted.channel, posted.ts);
    }
    // A state change that raced this post found no message to update: render the newest state now.
    const after = await getRequest(services.db, requestId);
    if (after && after.version !== row.version) await services.queues.enqueue("refresh-request-message", { requestId, version: after.version });
  };
}
