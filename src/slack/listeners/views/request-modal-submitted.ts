import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { fileRefundRequest } from "../../../use-cases/file-request";
import { IDS } from "../../ids";
import { parseRequestSubmission, parseSubmittedState } from "../../views/parse-request-submission";
import { parseRequestModalMetadata } from "../../views/request-modal";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The agent pressed "File request". Problems are shown inline in the modal; a valid request is
 * stored and queued before Slack gets its answer, so a closed modal always means a filed request.
 */
export function requestModalSubmittedListener(services: Services) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    // The payload is signed by Slack, but read as untrusted all the same: any shape gets an answer, never a throw.
    const metadata = parseRequestModalMetadata(view.private_metadata);
    if (!metadata) {
      await ack({ response_action: "errors", errors: { [IDS.blocks.initiator]: "This form is out of date: close it and run the command again." } });
      return;
    }
    const { platform, orderId, channelId } = metadata;
    const order = await services.orders.get(platform, orderId);
    if (!order) {
      await ack({ response_action: "errors", errors: { [IDS.blocks.initiator]: `Order ${orderId} is no longer in the order store.` } });
      return;
    }
    const submission = parseRequestSubmission(parseSubmittedState(view.state), metadata, order);
    if (!submission.ok) {
      await ack({ response_action: "errors", errors: submission.errors });
      return;
    }
    let filed: { id: number; created: boolean };
    try {
      filed = await fileRefundRequest(services, {
        order,
        ...submission.value,
        requestedAt: services.now(),
        actor: { type: "user", id: body.user.id },
        origin: "slack",
        originChannel: channelId,
        // A view is submitted once; its id makes a redelivery find the first request.
        idempotencyKey: `slack-view:${body.team?.id ?? view.team_id}:${view.id}`,
      });
    } catch (error) {
      services.log.error({ err: error, orderId }, "could not file a request");
      await ack({ response_action: "errors", errors: { [IDS.blocks.initiator]: "Refund Desk could not save this request just now. Nothing was filed: please press the button again." } });
      return;
    }
    services.log.info({ requestId: filed.id, created: filed.created, slackUser: body.user.id }, filed.created ? "request filed from Slack" : "request submitted again: the first one stands");
    await ack();
  };
}
