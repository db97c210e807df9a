import type { Services } from "../../../../app/services";
import { auditTrail, requestRowOf } from "../../../../db/requests";
import { buildTimeline } from "../../../messages/timeline";
import { requestMessageInputOf } from "../../../messages/request-message-input";
import { ephemeral, type CommandArgs } from "./types";

const REQUEST_ID = /^(?:RD-?)?(\d{1,9})$/i;

/** `/refund status RD-12` (or a bare number, or an order id): the timeline, privately. */
export async function statusSubcommand(services: Services, { ack, respond }: CommandArgs, query: string): Promise<void> {
  await ack();
  const byId = REQUEST_ID.exec(query);
  const rows = byId
    ? await services.db.refundRequest.findMany({ where: { id: Number(byId[1]) } })
    : await services.db.refundRequest.findMany({ where: { orderId: query }, orderBy: { id: "desc" }, take: 3 });
  if (rows.length === 0) {
    await respond(ephemeral(`No request ${byId ? `RD-${byId[1]}` : `for order \`${query}\``}.`));
    return;
  }
  const blocks = [];
  for (const row of rows) {
    const timeline = buildTimeline(requestMessageInputOf(requestRowOf(row)), await auditTrail(services.db, row.id));
    blocks.push(...timeline.blocks, { type: "divider" as const });
  }
  await respond({ response_type: "ephemeral", text: `Timeline of ${rows.map((r) => `RD-${r.id}`).join(", ")}`, blocks: blocks.slice(0, 49) });
}
