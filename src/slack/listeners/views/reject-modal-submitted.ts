import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { giveVerdictAndReply } from "../../verdict-replies";
import { IDS } from "../../ids";
import { parseSubmittedState } from "../../views/parse-request-submission";
import { parseRejectModalMetadata, parseRejectReason } from "../../views/reject-modal";

import { wordsIn } from "../their-words";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The reject modal, submitted: the reason is required, and the rejecter is checked again. */
export function rejectModalSubmittedListener(services: Services) {
  return async ({ ack, body, view, context }: ViewArgs): Promise<void> => {
    const words = wordsIn(context);
    const errorOnReason = (text: string) => ack({ response_action: "errors", errors: { [IDS.blocks.rejectReason]: text } });
    const metadata = parseRejectModalMetadata(view.private_metadata);
    if (!metadata) return errorOnReason(words.t("modals.reject.out_of_date"));
    const reason = parseRejectReason(parseSubmittedState(view.state).values);
    if (!reason) return errorOnReason(words.t("modals.reject.say_why"));
    const result = await giveVerdictAndReply(services, { requestId: metadata.requestId, userId: body.user.id, verdict: "reject", reason }, words);
    services.log.info({ requestId: metadata.requestId, slackUser: body.user.id, done: result.done }, result.done ? "rejection given" : "rejection not taken");
    if (!result.done) return errorOnReason(result.message);
    await ack();
  };
}
