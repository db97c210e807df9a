import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { retryExecution, type ExecutionActionOutcome } from "../../../execution/execution-actions";
import { requestLabel } from "../../format";
import { requestIdOf, tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const REFUSALS: Record<Exclude<ExecutionActionOutcome, "done">, (label: string) => string> = {
  not_an_approver: (label) => `:lock: Only approvers can retry ${label}.`,
  not_pending: (label) => `${label} is not failed any more: there is nothing to retry.`,
  unknown_request: (label) => `${label} does not exist.`,
};

/**
 * Retry on a failed request's message (approvers only): the request is carried out again. Anyone
 * else gets an ephemeral refusal, audited as `approval_refused`.
 */
export function retryExecutionClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const requestId = requestIdOf(args.action.value);
    if (requestId === null) return tellClicker(args, "That button does not name a request.");
    const outcome = await retryExecution(services, requestId, args.body.user.id);
    if (outcome !== "done") await tellClicker(args, REFUSALS[outcome](requestLabel(requestId)));
  };
}
