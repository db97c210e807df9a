import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { retryExecution, type ExecutionActionOutcome } from "../../../use-cases/execution-actions";
import type { Words } from "../../../presentation/words";
import { requestLabel } from "../../format";
import { wordsIn } from "../their-words";
import { requestIdOf, tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function refusal(words: Words, outcome: Exclude<ExecutionActionOutcome, { kind: "done" }>, request: string): string {
  switch (outcome.kind) {
    case "not_an_approver":
      return words.t("replies.retry.not_an_approver", { request });
    case "own_request":
      return words.t("replies.retry.own_request", { request });
    case "not_pending":
    case "already_marked":
      return words.t("replies.retry.not_failed", { request });
    case "unknown_request":
      return words.t("replies.unknown_request", { request });
  }
}

/**
 * Retry on a failed request's message (approvers other than the requester): the request is carried
 * out again. Anyone else gets an ephemeral refusal, audited as `approval_refused`.
 */
export function retryExecutionClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const words = wordsIn(args.context);
    const requestId = requestIdOf(args.action.value);
    if (requestId === null) return tellClicker(args, words.t("replies.click.no_request"));
    const outcome = await retryExecution(services, requestId, args.body.user.id);
    if (outcome.kind !== "done") await tellClicker(args, refusal(words, outcome, requestLabel(requestId)));
  };
}
