import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { markRefunded, type ExecutionActionOutcome } from "../../../execution/execution-actions";
import { requestLabel } from "../../format";
import { requestIdOf, tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const REFUSALS: Record<Exclude<ExecutionActionOutcome, "done">, (label: string) => string> = {
  not_an_approver: (label) => `:lock: Only approvers can mark ${label} as refunded.`,
  not_pending: (label) => `${label} is not waiting for a manual refund any more.`,
  unknown_request: (label) => `${label} does not exist.`,
};

/**
 * Mark refunded on a manual refund task (C7, approvers only): closes the request with who and
 * when. Anyone else gets an ephemeral refusal, audited as `approval_refused`.
 */
export function markRefundedClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const requestId = requestIdOf(args.action.value);
    if (requestId === null) return tellClicker(args, "That button does not name a request.");
    const outcome = await markRefunded(services, requestId, args.body.user.id);
    if (outcome !== "done") await tellClicker(args, REFUSALS[outcome](requestLabel(requestId)));
  };
}
