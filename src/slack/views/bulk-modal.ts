import type { KnownBlock, ModalView, Option, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { batchIdSchema, MAX_BATCH_ITEMS, type BatchShared } from "../../domain/bulk/batch-items";
import type { Resolution } from "../../domain/bulk/resolve-lines";
import type { Platform } from "../../domain/order";
import { initiatorSchema, REASONS, requestKindSchema, type Initiator, type RequestKind } from "../../domain/request";
import type { Words } from "../../presentation/words";
import { IDS } from "../ids";
import { escapeMrkdwn } from "../format";
import { sharedLine, skippedLine } from "../messages/batch-message";
import { initiatorLabel, kindLabel, platformLabel, reasonLabel } from "../../presentation/index";

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const option = (value: string, text: string): PlainTextOption => ({ text: plain(text), value });

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
function sharedFields(words: Words, defaults: SharedDefaults, { reasonOptional }: { reasonOptional: boolean }): KnownBlock[] {
  const kinds = requestKindSchema.options.map((k) => option(k, kindLabel(words, k)));
  const sides = initiatorSchema.options.map((i) => option(i, initiatorLabel(words, i)));
  const checkboxes: Option[] = [
    option(IDS.options.notifyCustomer, words.t("modals.bulk.notify_customers")),
    { ...option(IDS.options.flagCustomer, words.t("modals.bulk.flag_customers")), description: plain(words.t("modals.bulk.flag_customers_hint")) },
    { ...option(IDS.options.returnReceived, words.t("modals.return_received")), description: plain(words.t("modals.bulk.return_received_hint")) },
  ];
  return [
    {
      type: "input",
      block_id: IDS.blocks.bulkKind,
      label: plain(words.t("modals.request.kind")),
      element: { type: "radio_buttons", action_id: IDS.actions.bulkKind, options: kinds, initial_option: kinds.find((o) => o.value === defaults.kind) },
    },
    {
      type: "input",
      block_id: IDS.blocks.bulkInitiator,
      label: plain(words.t("modals.request.who_is_asking")),
      element: { type: "radio_buttons", action_id: IDS.actions.bulkInitiator, options: sides, initial_option: sides.find((o) => o.value === (defaults.initiator ?? "store")) },
    },
    {
      type: "input",
      block_id: IDS.blocks.bulkReason,
      optional: reasonOptional,
      label: plain(words.t("modals.request.reason")),
      ...(reasonOptional ? { hint: plain(words.t("modals.bulk.reason_hint")) } : {}),
      element: { type: "static_select", action_id: IDS.actions.bulkReason, placeholder: plain(words.t("modals.request.reason_placeholder")), options: REASONS.map((r) => option(r, reasonLabel(words, r))) },
    },
    { type: "input", block_id: IDS.blocks.bulkOptions, optional: true, label: plain(words.t("modals.options")), element: { type: "checkboxes", action_id: IDS.actions.bulkOptions, options: checkboxes } },
    {
      type: "input",
      block_id: IDS.blocks.bulkNote,
      optional: true,
      label: plain(words.t("modals.bulk.note")),
      element: { type: "plain_text_input", action_id: IDS.actions.bulkNote, multiline: true, max_length: 2000 },
    },
  ];
}

/** What was recognised: shown before the agent confirms. */
export function recognitionBlocks(words: Words, resolution: Pick<Resolution, "items" | "skipped" | "duplicates">): KnownBlock[] {
  const byPlatform = new Map<Platform, number>();
  for (const item of resolution.items) byPlatform.set(item.platform, (byPlatform.get(item.platform) ?? 0) + 1);
  const split = [...byPlatform].map(([p, n]) => `${platformLabel(words, p)} ${words.number(n)}`).join(" · ");
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: words.t("modals.bulk.recognised", { count: resolution.items.length, split }) } }];
  const skipped = skippedLine(words, resolution.skipped, 25);
  if (skipped) blocks.push({ type: "section", text: { type: "mrkdwn", text: words.t("modals.bulk.not_filed", { skipped }) } });
  if (resolution.duplicates.length) {
    const shown = resolution.duplicates.slice(0, 10).map((d) => `\`${escapeMrkdwn(d.ref)}\``).join(", ");
    const text = words.t("modals.bulk.duplicates", { count: resolution.duplicates.length, shown: `${shown}${resolution.duplicates.length > 10 ? " …" : ""}` });
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text }] });
  }
  blocks.push({ type: "divider" });
  return blocks;
}

/** `/cancel ID1 ID2 …`: what was recognised, the shared fields, and File. */
export function buildBulkModal(words: Words, input: { batchId: string; resolution: Resolution; defaults: SharedDefaults }): ModalView {
  return {
    type: "modal",
    callback_id: IDS.views.bulkModal,
    private_metadata: JSON.stringify({ batchId: input.batchId }),
    title: plain(words.t(input.defaults.kind === "cancel" ? "modals.bulk.title_cancel" : "modals.bulk.title_refund")),
    submit: plain(words.t("modals.bulk.submit", { count: input.resolution.items.length })),
    close: plain(words.t("modals.close")),
    blocks: [...recognitionBlocks(words, input.resolution), ...sharedFields(words, input.defaults, { reasonOptional: false })],
  };
}

/** `/cancel bulk`: a CSV pasted or uploaded, and the shared fields; Review shows what was recognised. */
export function buildBulkCsvModal(words: Words, input: { command: "refund" | "cancel"; channelId: string }): ModalView {
  const intro = words.t("modals.csv.intro", { max: words.number(MAX_BATCH_ITEMS) });
  return {
    type: "modal",
    callback_id: IDS.views.bulkCsvModal,
    private_metadata: JSON.stringify({ command: input.command, channelId: input.channelId }),
    title: plain(words.t(input.command === "cancel" ? "modals.csv.title_cancel" : "modals.csv.title_refund")),
    submit: plain(words.t("modals.csv.submit")),
    close: plain(words.t("modals.close")),
    blocks: [
      { type: "context", elements: [{ type: "mrkdwn", text: intro }] },
      {
        type: "input",
        block_id: IDS.blocks.bulkCsv,
        optional: true,
        label: plain(words.t("modals.csv.paste")),
        element: { type: "plain_text_input", action_id: IDS.actions.bulkCsv, multiline: true, max_length: MAX_PASTED_CSV, placeholder: plain(words.t("modals.csv.placeholder")) },
      },
      { type: "input", block_id: IDS.blocks.bulkFile, optional: true, label: plain(words.t("modals.csv.upload")), element: { type: "file_input", action_id: IDS.actions.bulkFile, filetypes: ["csv", "txt"], max_files: 1 } },
      ...sharedFields(words, { kind: input.command }, { reasonOptional: true }),
    ],
  };
}

/** The CSV's review: what was recognised and what every member shares; File confirms. */
export function buildBulkReview(words: Words, input: { batchId: string; resolution: Resolution; shared: BatchShared }): ModalView {
  const note = input.shared.note ? `\n${words.t("modals.review.note", { note: escapeMrkdwn(input.shared.note).slice(0, 500) })}` : "";
  const shared = `*${kindLabel(words, input.shared.kind)}* · ${escapeMrkdwn(sharedLine(words, input.shared))}${note}`;
  return {
    type: "modal",
    callback_id: IDS.views.bulkReview,
    private_metadata: JSON.stringify({ batchId: input.batchId }),
    title: plain(words.t("modals.review.title")),
    submit: plain(words.t("modals.bulk.submit", { count: input.resolution.items.length })),
    close: plain(words.t("modals.close")),
    blocks: [...recognitionBlocks(words, input.resolution), { type: "section", text: { type: "mrkdwn", text: shared } }],
  };
}

/** Reject all: a reason is required, shown to the requester and kept in every member's audit trail. */
export function buildRejectBatchModal(words: Words, batchId: string, pending: number): ModalView {
  return {
    type: "modal",
    callback_id: IDS.views.rejectBatchModal,
    private_metadata: JSON.stringify({ batchId }),
    title: plain(words.t("modals.reject_batch.title", { batchId })),
    submit: plain(words.t("modals.reject_batch.submit", { count: words.number(pending) })),
    close: plain(words.t("modals.cancel")),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: words.t("modals.reject_batch.intro", { count: pending, batchId }) } },
      {
        type: "input",
        block_id: IDS.blocks.rejectReason,
        label: plain(words.t("modals.reject_batch.why")),
        element: { type: "plain_text_input", action_id: IDS.actions.rejectReason, multiline: true, min_length: 3, max_length: 500 },
      },
    ],
  };
}
