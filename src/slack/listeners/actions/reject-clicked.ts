import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { getRequest } from "../../../db/requests";
import { verdictRefusal } from "../../verdict-replies";
import { requestLabel } from "../../format";
import { buildRejectModal } from "../../views/reject-modal";
import { requestIdOf, tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** **Reject** opens a modal that asks why; who may reject is checked now and again on submit. */
export function rejectClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const requestId = requestIdOf(args.action.value);
    const row = requestId === null ? null : await getRequest(services.db, requestId);
    if (!row) return tellClicker(args, "That button does not name a request.");
    const refusal = await verdictRefusal(services, row, args.body.user.id);
    if (refusal) {
      services.log.info({ requestId: row.id, slackUser: args.body.user.id }, "reject refused");
      return tellClicker(args, refusal);
    }
    if (row.state !== "awaiting_approval") return tellClicker(args, `${requestLabel(row.id)} is not waiting for approval any more.`);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: buildRejectModal(row.id) });
  };
}
