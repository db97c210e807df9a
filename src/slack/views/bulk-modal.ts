import type { KnownBlock, ModalView, Option, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { batchIdSchema, MAX_BATCH_ITEMS, type BatchShared } from "../../domain/bulk/batch-items";
import type { Resolution } from "../../domain/bulk/resolve-lines";
import { initiatorSchema, REASONS, requestKindSchema, type Initiator, type RequestKind } from "../../domain/request";
import { IDS } from "../ids";
import { INITIATOR_LABELS, KIND_LABELS, PLATFORM_LABELS, REASON_LABELS, escapeMrkdwn } from "../format";
import { wordsFor } from "../../presentation/index";
import { sharedLine, skippedLine } from "../messages/batch-message";

// English, as the rest of these modals, until they are given their reader's words.
const english = wordsFor("en");

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const option = (value: string, text: string): PlainTextOption => ({ text: plain(text), value });
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Slack's limit for a plain_text_input: a pasted CSV holds about a hundred lines; more goes in a file. */
export const MAX_PASTED_CSV = 3_000;

/** The ids modal carries its draft; the CSV modal the command; the review its draft. */
export const bulkModalMetadataSchema = z.object({ batchId: batchIdSchema });
export const bulkCsvMetadataSchema = z.object({ command: z.enum(["refund", "cancel"]), channelId: z.string().min(1).max(32) });

export interface SharedDefaults {
  kind: RequestKind;
  initiator?: Initiator;
}

/** The fields every member shares, asked once: kind, side, reason, options, note. */
function sharedFields(defaults: SharedDefaults, { reasonOptional }: { reasonOptional: boolean }): KnownBlock[] {
  const kinds = requestKindSchema.options.map((k) => option(k, KIND_LABELS[k]));
  const sides = initiatorSchema.options.map((i) => option(i, INITIATOR_LABELS[i]));
  const checkboxes: Option[] = [
    option(IDS.options.notifyCustomer, "Email / message each customer"),
    { ...option(IDS.options.flagCustomer, "Mark the customers as warning accounts"), description: plain("Cyberbiz cancels only: any other order would be refused (C5).") },
    { ...option(IDS.options.returnReceived, "The returned goods have arrived"), description: plain("Qoo10 returns only (Q10).") },
  ];
  return [
    {
      type: "input",
      block_id: IDS.blocks.bulkKind,
      label: plain("Request"),
      element: { type: "radio_buttons", action_id: IDS.actions.bulkKind, options: kinds, initial_option: kinds.find((o) => o.value === defaults.kind) },
    },
    {
      type: "input",
      block_id: IDS.blocks.bulkInitiator,
      label: plain("Who is asking?"),
      element: { type: "radio_buttons", action_id: IDS.actions.bulkInitiator, options: sides, initial_option: sides.find((o) => o.value === (defaults.initiator ?? "store")) },
    },
    {
      type: "input",
      block_id: IDS.blocks.bulkReason,
      optional: reasonOptional,
      label: plain("Reason"),
      ...(reasonOptional ? { hint: plain("For the lines that name no reason of their own.") } : {}),
      element: { type: "static_select", action_id: IDS.actions.bulkReason, placeholder: plain("Pick the reason"), options: REASONS.map((r) => option(r, REASON_LABELS[r])) },
    },
    { type: "input", block_id: IDS.blocks.bulkOptions, optional: true, label: plain("Options"), element: { type: "checkboxes", action_id: IDS.actions.bulkOptions, options: checkboxes } },
    {
      type: "input",
      block_id: IDS.blocks.bulkNote,
      optional: true,
      label: plain("Note for the approvers"),
      element: { type: "plain_text_input", action_id: IDS.actions.bulkNote, multiline: true, max_length: 2000 },
    },
  ];
}

/** What was recognised: shown before the agent confirms. */
export function recognitionBlocks(resolution: Pick<Resolution, "items" | "skipped" | "duplicates">): KnownBlock[] {
  const byPlatform = new Map<string, number>();
  for (const item of resolution.items) byPlatform.set(item.platform, (byPlatform.get(item.platform) ?? 0) + 1);
  const split = [...byPlatform].map(([p, n]) => `${PLATFORM_LABELS[p as keyof typeof PLATFORM_LABELS]} ${n.toLocaleString("en-US")}`).join(" · ");
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `:white_check_mark: *${count(resolution.items.length, "order")} recognised* (${split})` } }];
  const skipped = skippedLine(english, resolution.skipped, 25);
  if (skipped) blocks.push({ type: "section", text: { type: "mrkdwn", text: `:warning: *Not filed*: ${skipped}` } });
  if (resolution.duplicates.length) {
    const shown = resolution.duplicates.slice(0, 10).map((d) => `\`${escapeMrkdwn(d.ref)}\``).join(", ");
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${count(resolution.duplicates.length, "id")} given more than once, filed once: ${shown}${resolution.duplicates.length > 10 ? " …" : ""}` }] });
  }
  blocks.push({ type: "divider" });
  return blocks;
}

function submitLabel(n: number): string {
  return `File ${n.toLocaleString("en-US")} request${n === 1 ? "" : "s"}`;
}

/** `/cancel ID1 ID2 …`: what was recognised, the shared fields, and File. */
export function buildBulkModal(input: { batchId: string; resolution: Resolution; defaults: SharedDefaults }): ModalView {
  return {
    type: "modal",
    callback_id: IDS.views.bulkModal,
    private_metadata: JSON.stringify({ batchId: input.batchId }),
    title: plain(input.defaults.kind === "cancel" ? "Cancel orders in bulk" : "Refund orders in bulk"),
    submit: plain(submitLabel(input.resolution.items.length)),
    close: plain("Close"),
    blocks: [...recognitionBlocks(input.resolution), ...sharedFields(input.defaults, { reasonOptional: false })],
  };
}

/** `/cancel bulk`: a CSV pasted or uploaded, and the shared fields; Review shows what was recognised. */
export function buildBulkCsvModal(input: { command: "refund" | "cancel"; channelId: string }): ModalView {
  const intro =
    "One order per line: `order id, reason, amount`. Reason and amount are optional (the reason below; everything refundable); a header line is optional; " +
    "write `qoo10:ID` or `cyberbiz:ID` for an id on both platforms. Paste up to about a hundred lines, or upload a file of up to " +
    `${MAX_BATCH_ITEMS.toLocaleString("en-US")}.`;
  return {
    type: "modal",
    callback_id: IDS.views.bulkCsvModal,
    private_metadata: JSON.stringify({ command: input.command, channelId: input.channelId }),
    title: plain(input.command === "cancel" ? "Cancel orders from a CSV" : "Refund orders from a CSV"),
    submit: plain("Review"),
    close: plain("Close"),
    blocks: [
      { type: "context", elements: [{ type: "mrkdwn", text: intro }] },
      {
        type: "input",
        block_id: IDS.blocks.bulkCsv,
        optional: true,
        label: plain("Paste the CSV"),
        element: { type: "plain_text_input", action_id: IDS.actions.bulkCsv, multiline: true, max_length: MAX_PASTED_CSV, placeholder: plain("QX1001, out_of_stock\nCB2002, defective_item, 500") },
      },
      { type: "input", block_id: IDS.blocks.bulkFile, optional: true, label: plain("…or upload it"), element: { type: "file_input", action_id: IDS.actions.bulkFile, filetypes: ["csv", "txt"], max_files: 1 } },
      ...sharedFields({ kind: input.command }, { reasonOptional: true }),
    ],
  };
}

/** The CSV's review: what was recognised and what every member shares; File confirms. */
export function buildBulkReview(input: { batchId: string; resolution: Resolution; shared: BatchShared }): ModalView {
  const shared = `*${KIND_LABELS[input.shared.kind]}* · ${escapeMrkdwn(sharedLine(english, input.shared))}${input.shared.note ? `\n:memo: ${escapeMrkdwn(input.shared.note).slice(0, 500)}` : ""}`;
  return {
    type: "modal",
    callback_id: IDS.views.bulkReview,
    private_metadata: JSON.stringify({ batchId: input.batchId }),
    title: plain("Review the bulk request"),
    submit: plain(submitLabel(input.resolution.items.length)),
    close: plain("Close"),
    blocks: [...recognitionBlocks(input.resolution), { type: "section", text: { type: "mrkdwn", text: shared } }],
  };
}

/** Reject all: a reason is required, shown to the requester and kept in every member's audit trail. */
export function buildRejectBatchModal(batchId: string, pending: number): ModalView {
  return {
    type: "modal",
    callback_id: IDS.views.rejectBatchModal,
    private_metadata: JSON.stringify({ batchId }),
    title: plain(`Reject batch ${batchId}`),
    submit: plain(`Reject ${pending.toLocaleString("en-US")}`),
    close: plain("Cancel"),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `Rejects the ${count(pending, "order")} of batch ${batchId} that wait for approval.` } },
      {
        type: "input",
        block_id: IDS.blocks.rejectReason,
        label: plain("Why are they rejected?"),
        element: { type: "plain_text_input", action_id: IDS.actions.rejectReason, multiline: true, min_length: 3, max_length: 500 },
      },
    ],
  };
}
