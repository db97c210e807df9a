import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { markRefunded, type ExecutionActionOutcome } from "../../../use-cases/execution-actions";
import { requestLabel, slackDate } from "../../format";
import { requestIdOf, tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function refusal(outcome: Exclude<ExecutionActionOutcome, { kind: "done" }>, label: string): string {
  switch (outcome.kind) {
    case "not_an_approver":
      return `:lock: Only approvers can mark ${label} as refunded.`;
    case "own_request":
      return `:lock: You filed ${label}: someone else must mark it refunded (four eyes).`;
    case "already_marked":
      return `${label} was already marked refunded by <@${outcome.by}> ${slackDate(outcome.at)}.`;
    case "not_pending":
      return `${label} is not waiting for a manual refund any more.`;
    case "unknown_request":
      return `${label} does not exist.`;
  }
}

/**
 * Mark refunded on a manual refund task (C7, approvers other than the requester): closes the
 * request with who and when. Anyone else gets an ephemeral refusal, audited as `approval_refused`.
 */
export function markRefundedClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const requestId = requestIdOf(args.action.value);
    if (requestId === null) return tellClicker(args, "That button does not name a request.");
    const outcome = await markRefunded(services, requestId, args.body.user.id);
    if (outcome.kind !== "done") await tellClicker(args, refusal(outcome, requestLabel(requestId)));
  };
}
