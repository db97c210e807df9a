import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { batchIdSchema } from "../../../domain/bulk/batch-items";
import { giveBatchVerdict } from "../../../use-cases/give-batch-verdict";
import { IDS } from "../../ids";
import { parseRejectReason } from "../../views/reject-modal";
import { z } from "zod";
import { parseJsonMetadata } from "./bulk-answers";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Reject all, submitted: the reason is required, and the rejecter is checked again. */
export function rejectBatchModalSubmittedListener(services: Services) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const errorOnReason = (text: string) => ack({ response_action: "errors", errors: { [IDS.blocks.rejectReason]: text } });
    const metadata = parseJsonMetadata(z.object({ batchId: batchIdSchema }), view.private_metadata);
    if (!metadata) return errorOnReason("This form is out of date: close it and click Reject all again.");
    const reason = parseRejectReason(view.state.values);
    if (!reason) return errorOnReason("Say why, in 3 to 500 characters: the requester will read it.");
    const result = await giveBatchVerdict(services, { batchId: metadata.batchId, userId: body.user.id, verdict: "reject", reason });
    if (!result.done) return errorOnReason(result.message);
    await ack();
  };
}
