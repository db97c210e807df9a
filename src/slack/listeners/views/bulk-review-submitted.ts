import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { confirmDraft } from "../../../use-cases/file-batch";
import { sharedOf } from "../../project-batch";
import { bulkModalMetadataSchema } from "../../views/bulk-modal";
import { confirmAnswer, parseJsonMetadata } from "./bulk-answers";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The CSV's review, confirmed: the draft (with the shared fields chosen before) is filed. */
export function bulkReviewSubmittedListener(services: Services) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    // The review has no input block to hang an error on: a problem replaces the view with a short note.
    const fail = (text: string) =>
      ack({ response_action: "update", view: { type: "modal", title: { type: "plain_text", text: "Bulk request" }, close: { type: "plain_text", text: "Close" }, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } }] } });
    const metadata = parseJsonMetadata(bulkModalMetadataSchema, view.private_metadata);
    const batch = metadata ? await services.store.getBatch(metadata.batchId) : null;
    if (!metadata || !batch) return fail("This form is out of date: run the command again.");
    try {
      const problem = confirmAnswer(await confirmDraft(services, batch.id, body.user.id, sharedOf(batch)));
      if (problem) return fail(problem);
    } catch (error) {
      services.log.error({ err: error, batchId: batch.id }, "could not confirm a batch");
      return fail("Refund Desk could not save this just now. Nothing was filed: run the command again.");
    }
    await ack();
  };
}
