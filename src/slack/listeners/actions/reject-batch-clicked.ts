import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { batchIdSchema } from "../../../domain/bulk/batch-items";
import { pendingSummary } from "../../../db/batch-pending";
import { getBatch, recordBatchEvent } from "../../../db/batches";
import { buildRejectBatchModal } from "../../views/bulk-modal";
import { tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** **Reject all…** opens a modal that asks why; who may reject is checked now and again on submit. */
export function rejectBatchClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const batchId = batchIdSchema.safeParse(args.action.value);
    const batch = batchId.success ? await getBatch(services.db, batchId.data) : null;
    if (!batch) return tellClicker(args, "That button does not name a batch.");
    const userId = args.body.user.id;
    if (!(await services.approvers.isApprover(userId)) || batch.createdBy === userId) {
      const why = batch.createdBy === userId ? "own_batch" : "not_an_approver";
      await recordBatchEvent(services.db, batch.id, { type: "user", id: userId }, "approve_all_refused", { user: userId, why, verdict: "reject" });
      return tellClicker(args, why === "own_batch" ? `You filed batch ${batch.id}: someone else must approve or reject it (four eyes).` : `Only approvers can approve or reject refunds; batch ${batch.id} was left as it is.`);
    }
    const pending = await pendingSummary(services.db, batch.id);
    if (pending.count === 0) return tellClicker(args, `Nothing in batch ${batch.id} waits for approval any more.`);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: buildRejectBatchModal(batch.id, pending.count) });
  };
}
