import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { confirmDraft } from "../../../use-cases/file-batch";
import { IDS } from "../../ids";
import { bulkModalMetadataSchema } from "../../views/bulk-modal";
import { parseBulkShared } from "../../views/parse-bulk-submission";
import { confirmAnswer, parseJsonMetadata } from "./bulk-answers";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The ids modal (`/cancel ID1 ID2 …`), confirmed: the shared fields are checked in place, then the
 * draft is confirmed and its filing queued before Slack gets its answer, so a closed modal always
 * means a filed batch. A second submission finds it confirmed and files nothing more.
 */
export function bulkModalSubmittedListener(services: Services) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const metadata = parseJsonMetadata(bulkModalMetadataSchema, view.private_metadata);
    if (!metadata) return ack({ response_action: "errors", errors: { [IDS.blocks.bulkKind]: "This form is out of date: close it and run the command again." } });
    const shared = parseBulkShared(view.state, { reasonRequired: true });
    if (!shared.ok) return ack({ response_action: "errors", errors: shared.errors });
    try {
      const result = await confirmDraft(services, metadata.batchId, body.user.id, shared.value);
      const problem = confirmAnswer(result);
      if (problem) return ack({ response_action: "errors", errors: { [IDS.blocks.bulkKind]: problem } });
    } catch (error) {
      services.log.error({ err: error, batchId: metadata.batchId }, "could not confirm a batch");
      return ack({ response_action: "errors", errors: { [IDS.blocks.bulkKind]: "Refund Desk could not save this just now. Nothing was filed: press the button again." } });
    }
    await ack();
  };
}
