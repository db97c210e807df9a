import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { markRefunded, type ExecutionActionOutcome } from "../../../use-cases/execution-actions";
import type { Words } from "../../../presentation/words";
import { requestLabel, slackDate } from "../../format";
import { wordsIn } from "../their-words";
import { requestIdOf, tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function refusal(words: Words, outcome: Exclude<ExecutionActionOutcome, { kind: "done" }>, request: string): string {
  switch (outcome.kind) {
    case "not_an_approver":
      return words.t("replies.manual.not_an_approver", { request });
    case "own_request":
      return words.t("replies.manual.own_request", { request });
    case "already_marked":
      return words.t("replies.manual.already_marked", { request, by: `<@${outcome.by}>`, at: slackDate(outcome.at) });
    case "not_pending":
      return words.t("replies.manual.not_pending", { request });
    case "unknown_request":
      return words.t("replies.unknown_request", { request });
  }
}

/**
 * Mark refunded on a manual refund task (C7, approvers other than the requester): closes the
 * request with who and when. Anyone else gets an ephemeral refusal, audited as `approval_refused`.
 */
export function markRefundedClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const words = wordsIn(args.context);
    const requestId = requestIdOf(args.action.value);
    if (requestId === null) return tellClicker(args, words.t("replies.click.no_request"));
    const outcome = await markRefunded(services, requestId, args.body.user.id);
    if (outcome.kind !== "done") await tellClicker(args, refusal(words, outcome, requestLabel(requestId)));
  };
}
