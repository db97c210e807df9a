import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { retryExecution, type ExecutionActionOutcome } from "../../../use-cases/execution-actions";
import { requestLabel } from "../../format";
import { requestIdOf, tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function refusal(outcome: Exclude<ExecutionActionOutcome, { kind: "done" }>, label: string): string {
  switch (outcome.kind) {
    case "not_an_approver":
      return `:lock: Only approvers can retry ${label}.`;
    case "own_request":
      return `:lock: You filed ${label}: someone else must retry it (four eyes).`;
    case "not_pending":
    case "already_marked":
      return `${label} is not failed any more: there is nothing to retry.`;
    case "unknown_request":
      return `${label} does not exist.`;
  }
}

/**
 * Retry on a failed request's message (approvers other than the requester): the request is carried
 * out again. Anyone else gets an ephemeral refusal, audited as `approval_refused`.
 */
export function retryExecutionClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const requestId = requestIdOf(args.action.value);
    if (requestId === null) return tellClicker(args, "That button does not name a request.");
    const outcome = await retryExecution(services, requestId, args.body.user.id);
    if (outcome.kind !== "done") await tellClicker(args, refusal(outcome, requestLabel(requestId)));
  };
}
