import type { BatchShared } from "../../domain/bulk/batch-items";
import { initiatorSchema, reasonSchema, requestKindSchema } from "../../domain/request";
import type { Words } from "../../presentation/words";
import { IDS } from "../ids";

/** The part of a bulk modal's view_submission that the parser reads. */
export interface BulkSubmittedState {
  values: Record<
    string,
    Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_options?: { value: string }[]; files?: { id: string; name?: string }[] }>
  >;
}

export type SharedResult = { ok: true; value: BatchShared } | { ok: false; errors: Record<string, string> };

/**
 * The shared fields of a bulk modal. The reason may be left out of a CSV modal (every line may name
 * its own); each problem is keyed by its block, so Slack shows it in place, in the agent's words.
 */
export function parseBulkShared(words: Words, state: BulkSubmittedState, { reasonRequired }: { reasonRequired: boolean }): SharedResult {
  const read = (block: string, action: string) => state.values[block]?.[action];
  const errors: Record<string, string> = {};
  const kind = requestKindSchema.safeParse(read(IDS.blocks.bulkKind, IDS.actions.bulkKind)?.selected_option?.value);
  if (!kind.success) errors[IDS.blocks.bulkKind] = words.t("modals.bulk.choose_kind");
  const initiator = initiatorSchema.safeParse(read(IDS.blocks.bulkInitiator, IDS.actions.bulkInitiator)?.selected_option?.value);
  if (!initiator.success) errors[IDS.blocks.bulkInitiator] = words.t("modals.errors.choose_side");
  const rawReason = read(IDS.blocks.bulkReason, IDS.actions.bulkReason)?.selected_option?.value;
  const reason = rawReason === undefined ? undefined : reasonSchema.safeParse(rawReason);
  if (reason && !reason.success) errors[IDS.blocks.bulkReason] = words.t("modals.errors.pick_reason");
  if (!reason && reasonRequired) errors[IDS.blocks.bulkReason] = words.t("modals.bulk.pick_shared_reason");
  const checked = new Set((read(IDS.blocks.bulkOptions, IDS.actions.bulkOptions)?.selected_options ?? []).map((o) => o.value));
  const note = (read(IDS.blocks.bulkNote, IDS.actions.bulkNote)?.value ?? "").trim();
  if (note.length > 2000) errors[IDS.blocks.bulkNote] = words.t("modals.errors.note_too_long");
  if (Object.keys(errors).length > 0 || !kind.success || !initiator.success) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: kind.data,
      initiator: initiator.data,
      ...(reason?.success ? { reason: reason.data } : {}),
      notifyCustomer: checked.has(IDS.options.notifyCustomer),
      flagCustomer: checked.has(IDS.options.flagCustomer),
      returnReceived: checked.has(IDS.options.returnReceived),
      ...(note ? { note } : {}),
    },
  };
}

/** What the CSV modal carries: pasted text, or the id of an uploaded file (not both). */
export type CsvSource = { kind: "text"; text: string } | { kind: "file"; fileId: string } | { kind: "none" } | { kind: "both" };

export function csvSourceOf(state: BulkSubmittedState): CsvSource {
  const text = (state.values[IDS.blocks.bulkCsv]?.[IDS.actions.bulkCsv]?.value ?? "").trim();
  const file = state.values[IDS.blocks.bulkFile]?.[IDS.actions.bulkFile]?.files?.[0];
  if (text && file) return { kind: "both" };
  if (file) return { kind: "file", fileId: file.id };
  if (text) return { kind: "text", text };
  return { kind: "none" };
}
