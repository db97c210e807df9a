import type { Services } from "../../../../app/services";
import type { ChannelMembers } from "../../../channel-members";
import { buildTimeline } from "../../../messages/timeline";
import { requestMessageInputOf } from "../../../messages/request-message-input";
import { wordsIn } from "../../their-words";
import { ephemeral, type CommandArgs } from "./types";

const REQUEST_ID = /^(?:RD-?)?(\d{1,9})$/i;

/**
 * `/refund status RD-12` (or a bare number, or an order id): the timeline, privately. A timeline
 * names approvers and reject reasons: it is shown to the request's requester, to approvers and to
 * members of the requests channel (where every request is posted anyway); to anyone else, only
 * their own requests.
 */
export async function statusSubcommand(services: Services, requestsChannel: ChannelMembers, { ack, respond, command, context }: CommandArgs, query: string): Promise<void> {
  await ack();
  const words = wordsIn(context);
  const byId = REQUEST_ID.exec(query);
  const found = await services.projections.findRequests(byId ? { id: Number(byId[1]) } : { orderId: query, latest: 3 });
  if (found.length === 0) {
    await respond(ephemeral(byId ? words.t("replies.status.no_request", { request: `RD-${byId[1]}` }) : words.t("replies.status.no_request_for_order", { orderId: query })));
    return;
  }
  const user = command.user_id;
  const seesAll = (await services.approvers.isApprover(user)) || (!found.every((row) => row.requestedBy === user) && (await requestsChannel.has(user)));
  const rows = seesAll ? found : found.filter((row) => row.requestedBy === user);
  if (rows.length === 0) {
    const channel = services.config.channels.requests;
    await respond(ephemeral(byId ? words.t("replies.status.locked_request", { channel, request: `RD-${byId[1]}` }) : words.t("replies.status.locked_order", { channel, orderId: query })));
    return;
  }
  const blocks = [];
  for (const row of rows) {
    const timeline = buildTimeline(words, requestMessageInputOf(row), await services.store.auditTrail(row.id));
    blocks.push(...timeline.blocks, { type: "divider" as const });
  }
  await respond({ response_type: "ephemeral", text: words.t("replies.status.timeline_of", { requests: rows.map((r) => `RD-${r.id}`).join(", ") }), blocks: blocks.slice(0, 49) });
}
