import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { batchIdSchema } from "../../../domain/bulk/batch-items";
import { checkBatchRejection } from "../../../use-cases/check-rejection";
import { buildRejectBatchModal } from "../../views/bulk-modal";
import { tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** **Reject all…** opens a modal that asks why; who may reject is checked now and again on submit. */
export function rejectBatchClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const batchId = batchIdSchema.safeParse(args.action.value);
    const check = batchId.success ? await checkBatchRejection(services, batchId.data, args.body.user.id) : null;
    if (!check || check.kind === "unknown_batch") return tellClicker(args, "That button does not name a batch.");
    if (check.kind === "refused")
      return tellClicker(args, check.why === "own_batch" ? `You filed batch ${check.batchId}: someone else must approve or reject it (four eyes).` : `Only approvers can approve or reject refunds; batch ${check.batchId} was left as it is.`);
    if (check.kind === "none_pending") return tellClicker(args, `Nothing in batch ${check.batchId} waits for approval any more.`);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: buildRejectBatchModal(check.batchId, check.pending) });
  };
}
