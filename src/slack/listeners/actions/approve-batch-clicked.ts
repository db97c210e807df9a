import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { batchIdSchema } from "../../../domain/bulk/batch-items";
import { giveBatchVerdict } from "../../../use-cases/give-batch-verdict";
import { batchVerdictReply } from "../../batch-verdict-reply";
import { wordsIn } from "../their-words";
import { tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** **Approve all N pending** on a batch approval message. */
export function approveBatchClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const batchId = batchIdSchema.safeParse(args.action.value);
    const words = wordsIn(args.context);
    if (!batchId.success) return tellClicker(args, words.t("replies.click.no_batch"));
    const result = await giveBatchVerdict(services, { batchId: batchId.data, userId: args.body.user.id, verdict: "approve" });
    await tellClicker(args, batchVerdictReply(words, result));
  };
}
