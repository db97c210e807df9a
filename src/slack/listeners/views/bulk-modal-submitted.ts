import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { confirmDraft } from "../../../use-cases/file-batch";
import { IDS } from "../../ids";
import { bulkModalMetadataSchema } from "../../views/bulk-modal";
import { parseBulkShared } from "../../views/parse-bulk-submission";
import { wordsIn } from "../their-words";
import { confirmAnswer, parseJsonMetadata } from "./bulk-answers";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The ids modal (`/cancel ID1 ID2 …`), confirmed: the shared fields are checked in place, then the
 * draft is confirmed and its filing queued before Slack gets its answer, so a closed modal always
 * means a filed batch. A second submission finds it confirmed and files nothing more.
 */
export function bulkModalSubmittedListener(services: Services) {
  return async ({ ack, body, view, context }: ViewArgs): Promise<void> => {
    const words = wordsIn(context);
    const metadata = parseJsonMetadata(bulkModalMetadataSchema, view.private_metadata);
    if (!metadata) return ack({ response_action: "errors", errors: { [IDS.blocks.bulkKind]: words.t("modals.out_of_date") } });
    const shared = parseBulkShared(words, view.state, { reasonRequired: true });
    if (!shared.ok) return ack({ response_action: "errors", errors: shared.errors });
    try {
      const result = await confirmDraft(services, metadata.batchId, body.user.id, shared.value);
      const problem = confirmAnswer(words, result);
      if (problem) return ack({ response_action: "errors", errors: { [IDS.blocks.bulkKind]: problem } });
    } catch (error) {
      services.log.error({ err: error, batchId: metadata.batchId }, "could not confirm a batch");
      return ack({ response_action: "errors", errors: { [IDS.blocks.bulkKind]: words.t("modals.bulk.could_not_save") } });
    }
    await ack();
  };
}
