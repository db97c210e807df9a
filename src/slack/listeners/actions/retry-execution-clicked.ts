import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { retryExecution, type ExecutionActionOutcome } from "../../../execution/execution-actions";
import { requestLabel } from "../../format";

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
  return async ({ ack, body, action, client }: ActionArgs): Promise<void> => {
    await ack();
    const requestId = Number(action.value);
    if (!Number.isInteger(requestId) || requestId <= 0) return;
    const outcome = await retryExecution(services, requestId, body.user.id);
    if (outcome === "done") return;
    await client.chat.postEphemeral({ channel: body.channel?.id ?? services.config.channels.requests, user: body.user.id, text: REFUSALS[outcome](requestLabel(requestId)) });
  };
}
