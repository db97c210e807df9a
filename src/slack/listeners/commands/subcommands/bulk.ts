import type { Services } from "../../../../app/services";
import type { OrderRef } from "../../../parse-command-text";
import { draftBatch } from "../../../../use-cases/file-batch";
import { buildBulkCsvModal, buildBulkModal } from "../../../views/bulk-modal";
import { skippedLine } from "../../../messages/batch-message";
import { wordsIn } from "../../their-words";
import { ephemeral, type CommandArgs } from "./types";

/**
 * `/cancel ID1 ID2 …` (2 to 500 ids): the ids are looked up at once and the bulk modal opens with
 * what was recognised, the unknown and ambiguous ids, and the shared fields. Within the trigger's
 * 3 seconds: one query for every id, one insert for the draft.
 */
export async function bulkIdsSubcommand(services: Services, { ack, respond, client, command, context }: CommandArgs, parsed: { name: "refund" | "cancel"; refs: OrderRef[] }): Promise<void> {
  await ack();
  const { batchId, resolution } = await draftBatch(services, {
    lines: parsed.refs.map((ref) => ({ ref })),
    source: "command",
    shared: { kind: parsed.name, initiator: "store", notifyCustomer: false, flagCustomer: false, returnReceived: false },
    createdBy: command.user_id,
    originChannel: command.channel_id,
  });
  const words = wordsIn(context);
  if (!batchId) {
    await respond(ephemeral(words.t("replies.bulk.no_order", { count: String(parsed.refs.length), skipped: skippedLine(words, resolution.skipped) ?? "" })));
    return;
  }
  await client.views.open({ trigger_id: command.trigger_id, view: buildBulkModal(words, { batchId, resolution, defaults: { kind: parsed.name } }) });
}

/** `/cancel bulk`, `/refund bulk`: the modal that takes a CSV, pasted or uploaded. */
export async function bulkCsvSubcommand(_services: Services, { ack, client, command, context }: CommandArgs, parsed: { name: "refund" | "cancel" }): Promise<void> {
  await ack();
  await client.views.open({ trigger_id: command.trigger_id, view: buildBulkCsvModal(wordsIn(context), { command: parsed.name, channelId: command.channel_id }) });
}
