import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import type { Order } from "../../../domain/order";
import { fileRefundRequest } from "../../../use-cases/file-request";
import { ExceedsRefundable } from "../../../use-cases/ports/store";
import type { Words } from "../../../presentation/words";
import { IDS } from "../../ids";
import { parseRequestSubmission, parseSubmittedState } from "../../views/parse-request-submission";
import { asksForAmount, parseRequestModalMetadata } from "../../views/request-modal-metadata";
import { wordsIn } from "../their-words";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Another request on the order was filed since the modal opened: what is left, on the block where the agent can act on it. */
function exceedsAnswer(words: Words, order: Order, refundable: number): Record<string, string> {
  const text =
    refundable > 0
      ? words.t("modals.errors.only_left_now", { amount: words.money(refundable, order.currency), orderId: order.orderId })
      : words.t("modals.errors.nothing_left_now", { orderId: order.orderId });
  return { [asksForAmount(order) && refundable > 0 ? IDS.blocks.amount : IDS.blocks.initiator]: text };
}

/**
 * The agent pressed "File request". Problems are shown inline in the modal; a valid request is
 * stored and queued before Slack gets its answer, so a closed modal always means a filed request.
 * The amount is checked against what is left of the order here, and again under a lock on the
 * order as it is filed: a request filed meanwhile on the same order is counted.
 */
export function requestModalSubmittedListener(services: Services) {
  return async ({ ack, body, view, context }: ViewArgs): Promise<void> => {
    const words = wordsIn(context);
    // The payload is signed by Slack, but read as untrusted all the same: any shape gets an answer, never a throw.
    const metadata = parseRequestModalMetadata(view.private_metadata);
    if (!metadata) {
      await ack({ response_action: "errors", errors: { [IDS.blocks.initiator]: words.t("modals.out_of_date") } });
      return;
    }
    const { platform, orderId, channelId } = metadata;
    // A view is submitted once; its id makes a redelivery find the first request.
    const idempotencyKey = `slack-view:${body.team?.id ?? view.team_id}:${view.id}`;
    let order: Order | null = null;
    let filed: { id: number; created: boolean };
    try {
      order = await services.orders.get(platform, orderId);
      if (!order) {
        await ack({ response_action: "errors", errors: { [IDS.blocks.initiator]: words.t("modals.errors.order_gone", { orderId }) } });
        return;
      }
      const submission = parseRequestSubmission(words, parseSubmittedState(view.state), metadata, order);
      if (!submission.ok) {
        // A redelivery of a view that was filed finds its order held by that request: the first one stands.
        if ((await services.store.findRequestIdByKey(idempotencyKey)) !== null) return void (await ack());
        await ack({ response_action: "errors", errors: submission.errors });
        return;
      }
      filed = await fileRefundRequest(services, {
        order,
        ...submission.value,
        requestedAt: services.now(),
        actor: { type: "user", id: body.user.id },
        origin: "slack",
        originChannel: channelId,
        idempotencyKey,
      });
    } catch (error) {
      if (error instanceof ExceedsRefundable && order) {
        await ack({ response_action: "errors", errors: exceedsAnswer(words, order, error.refundable) });
        return;
      }
      services.log.error({ err: error, orderId }, "could not file a request");
      await ack({ response_action: "errors", errors: { [IDS.blocks.initiator]: words.t("modals.errors.could_not_file") } });
      return;
    }
    services.log.info({ requestId: filed.id, created: filed.created, slackUser: body.user.id }, filed.created ? "request filed from Slack" : "request submitted again: the first one stands");
    await ack();
  };
}
