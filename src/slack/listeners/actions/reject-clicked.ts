import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { checkRejection } from "../../../use-cases/check-rejection";
import { refusalReply } from "../../verdict-replies";
import { requestLabel } from "../../format";
import { buildRejectModal } from "../../views/reject-modal";
import { wordsIn } from "../their-words";
import { requestIdOf, tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** **Reject** opens a modal that asks why; who may reject is checked now and again on submit. */
export function rejectClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const words = wordsIn(args.context);
    const requestId = requestIdOf(args.action.value);
    const check = requestId === null ? null : await checkRejection(services, requestId, args.body.user.id);
    if (!check || check.kind === "unknown_request") return tellClicker(args, words.t("replies.click.no_request"));
    if (check.kind === "refused") {
      services.log.info({ requestId: check.requestId, slackUser: args.body.user.id }, "reject refused");
      return tellClicker(args, refusalReply(words, check.requestId, check.why));
    }
    if (check.kind === "not_pending") return tellClicker(args, words.t("replies.verdict.not_waiting_any_more", { request: requestLabel(check.requestId) }));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: buildRejectModal(words, check.requestId) });
  };
}
