import type { Services } from "../../app/services";
import { homeRequests } from "../../db/home-queries";
import { requestMessageInputOf } from "../../slack/messages/request-message-input";
import { buildAppHome } from "../../slack/views/app-home";
import type { Processor } from "../processor";
import { callSlack } from "./call-slack";

export function publishHomeProcessor(services: Services): Processor<"publish-home"> {
  return async ({ userId }, context) => {
    const approver = await services.approvers.isApprover(userId);
    const rows = await homeRequests(services.db, userId, approver);
    const view = buildAppHome({ approver, open: rows.open.map(requestMessageInputOf), recent: rows.recent.map(requestMessageInputOf), waiting: rows.waiting.map(requestMessageInputOf), waitingTotal: rows.waitingTotal });
    await callSlack(context, () => services.slack.views.publish({ user_id: userId, view }));
  };
}
