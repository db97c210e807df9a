import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { batchIdSchema } from "../../../domain/bulk/batch-items";
import { checkBatchRejection } from "../../../use-cases/check-rejection";
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
    const check = batchId.success ? await checkBatchRejection(services, batchId.data, args.body.user.id) : null;
    if (!check || check.kind === "unknown_batch") return tellClicker(args, words.t("replies.click.no_batch"));
    if (check.kind === "refused") return tellClicker(args, words.t(check.why === "own_batch" ? "replies.batch.own_batch" : "replies.batch.not_an_approver", { batchId: check.batchId }));
    if (check.kind === "none_pending") return tellClicker(args, words.t("replies.batch.nothing_waits", { batchId: check.batchId }));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: buildRejectBatchModal(words, check.batchId, check.pending) });
  };
}
