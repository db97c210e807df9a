import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { batchIdSchema } from "../../../domain/bulk/batch-items";
import { pendingSummary } from "../../../db/batch-members";
import { getBatch, recordBatchEvent } from "../../../db/batches";
import { buildRejectBatchModal } from "../../views/bulk-modal";
import { wordsIn } from "../their-words";
import { tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** **Reject all…** opens a modal that asks why; who may reject is checked now and again on submit. */
export function rejectBatchClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const words = wordsIn(args.context);
    const batchId = batchIdSchema.safeParse(args.action.value);
    const batch = batchId.success ? await getBatch(services.db, batchId.data) : null;
    if (!batch) return tellClicker(args, words.t("replies.click.no_batch"));
    const userId = args.body.user.id;
    if (!(await services.approvers.isApprover(userId)) || batch.createdBy === userId) {
      const why = batch.createdBy === userId ? "own_batch" : "not_an_approver";
      await recordBatchEvent(services.db, batch.id, { type: "user", id: userId }, "approve_all_refused", { user: userId, why, verdict: "reject" });
      return tellClicker(args, words.t(why === "own_batch" ? "replies.batch.own_batch" : "replies.batch.not_an_approver", { batchId: batch.id }));
    }
    const pending = await pendingSummary(services.db, batch.id);
    if (pending.count === 0) return tellClicker(args, words.t("replies.batch.nothing_waits", { batchId: batch.id }));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: buildRejectBatchModal(words, batch.id, pending.count) });
  };
}
