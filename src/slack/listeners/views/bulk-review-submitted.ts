import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { confirmDraft } from "../../../use-cases/file-batch";
import { sharedOf } from "../../project-batch";
import { bulkModalMetadataSchema } from "../../views/bulk-modal";
import { wordsIn } from "../their-words";
import { confirmAnswer, parseJsonMetadata } from "./bulk-answers";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The CSV's review, confirmed: the draft (with the shared fields chosen before) is filed. */
export function bulkReviewSubmittedListener(services: Services) {
  return async ({ ack, body, view, context }: ViewArgs): Promise<void> => {
    const words = wordsIn(context);
    // The review has no input block to hang an error on: a problem replaces the view with a short note.
    const fail = (text: string) =>
      ack({ response_action: "update", view: { type: "modal", title: { type: "plain_text", text: words.t("modals.review.failed_title") }, close: { type: "plain_text", text: words.t("modals.close") }, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } }] } });
    const metadata = parseJsonMetadata(bulkModalMetadataSchema, view.private_metadata);
    const batch = metadata ? await services.store.getBatch(metadata.batchId) : null;
    if (!metadata || !batch) return fail(words.t("modals.review.out_of_date"));
    try {
      const problem = confirmAnswer(words, await confirmDraft(services, batch.id, body.user.id, sharedOf(batch)));
      if (problem) return fail(problem);
    } catch (error) {
      services.log.error({ err: error, batchId: batch.id }, "could not confirm a batch");
      return fail(words.t("modals.review.could_not_save"));
    }
    await ack();
  };
}
