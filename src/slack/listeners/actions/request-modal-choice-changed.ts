import type { AllMiddlewareArgs, BlockAction, RadioButtonsAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { offeredKinds } from "../../../domain/policy";
import { initiatorSchema, requestKindSchema } from "../../../domain/request";
import { IDS } from "../../ids";
import { buildRequestModal, defaultKind, parseRequestModalMetadata } from "../../views/request-modal";
import { wordsIn } from "../their-words";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<RadioButtonsAction>> & AllMiddlewareArgs;

/**
 * The agent changed "Who is asking?" or the kind of request in the open modal: the reasons (and
 * kinds) on offer depend on both, so the modal is rebuilt with the ones that can succeed.
 */
export function requestModalChoiceChangedListener(services: Services) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    if (!view) return;
    const metadata = parseRequestModalMetadata(view.private_metadata);
    if (!metadata) return;
    const order = await services.orders.get(metadata.platform, metadata.orderId);
    if (!order) return;
    const chosen: unknown = action.selected_option?.value;
    let { initiator, kind } = metadata;
    if (action.action_id === IDS.actions.initiator) {
      const parsed = initiatorSchema.safeParse(chosen);
      if (!parsed.success) return;
      initiator = parsed.data;
      if (!offeredKinds(order, initiator).includes(kind)) kind = defaultKind(order, metadata.command, initiator) ?? kind;
    } else {
      const parsed = requestKindSchema.safeParse(chosen);
      if (!parsed.success) return;
      kind = parsed.data;
    }
    await client.views.update({
      view_id: view.id,
      // Slack refuses the update when the view changed meanwhile (an older click arriving late).
      hash: view.hash,
      view: buildRequestModal(wordsIn(context), { order, command: metadata.command, channelId: metadata.channelId, initiator, kind }),
    });
  };
}
