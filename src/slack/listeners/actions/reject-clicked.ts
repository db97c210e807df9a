import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { getRequest } from "../../../db/requests";
import { verdictRefusal } from "../../verdict-replies";
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
    const row = requestId === null ? null : await getRequest(services.db, requestId);
    if (!row) return tellClicker(args, words.t("replies.click.no_request"));
    const refusal = await verdictRefusal(services, words, row, args.body.user.id);
    if (refusal) {
      services.log.info({ requestId: row.id, slackUser: args.body.user.id }, "reject refused");
      return tellClicker(args, refusal);
    }
    if (row.state !== "awaiting_approval") return tellClicker(args, words.t("replies.verdict.not_waiting_any_more", { request: requestLabel(row.id) }));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: buildRejectModal(words, row.id) });
  };
}
