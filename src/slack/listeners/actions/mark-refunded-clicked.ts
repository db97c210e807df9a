import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { markRefunded, type ExecutionActionOutcome } from "../../../execution/execution-actions";
import { requestLabel } from "../../format";

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
  return async ({ ack, body, action, client }: ActionArgs): Promise<void> => {
    await ack();
    const requestId = Number(action.value);
    if (!Number.isInteger(requestId) || requestId <= 0) return;
    const outcome = await markRefunded(services, requestId, body.user.id);
    if (outcome === "done") return;
    await client.chat.postEphemeral({ channel: body.channel?.id ?? services.config.channels.requests, user: body.user.id, text: REFUSALS[outcome](requestLabel(requestId)) });
  };
}
