import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { giveVerdictAndReply } from "../../verdict-replies";
import { wordsIn } from "../their-words";
import { requestIdOf, tellClicker } from "./tell-clicker";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** **Approve**, on the approval message or on App Home. */
export function approveClickedListener(services: Services) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const words = wordsIn(args.context);
    const requestId = requestIdOf(args.action.value);
    if (requestId === null) return tellClicker(args, words.t("replies.click.no_request"));
    const result = await giveVerdictAndReply(services, { requestId, userId: args.body.user.id, verdict: "approve" }, words);
    services.log.info({ requestId, slackUser: args.body.user.id, done: result.done }, result.done ? "approval given" : "approval not taken");
    await tellClicker(args, result.message);
  };
}
