import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { batchIdSchema } from "../../../domain/bulk/batch-items";
import { giveBatchVerdict } from "../../../use-cases/give-batch-verdict";
import { batchVerdictReply } from "../../batch-verdict-reply";
import { IDS } from "../../ids";
import { parseRejectReason } from "../../views/reject-modal";
import { z } from "zod";
import { parseJsonMetadata } from "./bulk-answers";

import { wordsIn } from "../their-words";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Reject all, submitted: the reason is required, and the rejecter is checked again. */
export function rejectBatchModalSubmittedListener(services: Services) {
  return async ({ ack, body, view, context }: ViewArgs): Promise<void> => {
    const words = wordsIn(context);
    const errorOnReason = (text: string) => ack({ response_action: "errors", errors: { [IDS.blocks.rejectReason]: text } });
    const metadata = parseJsonMetadata(z.object({ batchId: batchIdSchema }), view.private_metadata);
    if (!metadata) return errorOnReason(words.t("modals.reject_batch.out_of_date"));
    const reason = parseRejectReason(view.state.values);
    if (!reason) return errorOnReason(words.t("modals.reject.say_why"));
    const result = await giveBatchVerdict(services, { batchId: metadata.batchId, userId: body.user.id, verdict: "reject", reason });
    if (!result.done) return errorOnReason(batchVerdictReply(words, result));
    await ack();
  };
}
