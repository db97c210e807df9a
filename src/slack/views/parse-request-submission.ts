import { z } from "zod";
import { minorDigits } from "../../domain/currency";
import { refundableRemainder, type Order } from "../../domain/order";
import { isKindOffered, isReasonOffered, offeredKinds, offeredReasons } from "../../domain/policy";
import { initiatorSchema, reasonSchema, requestKindSchema, type RequestChoices } from "../../domain/request";
import type { Words } from "../../presentation/words";
import { IDS } from "../ids";
import { kindLabel, statusLabel } from "../../presentation/index";
import { asksForAmount, reasonBlockId, type RequestModalMetadata } from "./request-modal-metadata";

/** The part of Slack's view_submission payload that this parser reads. */
export interface SubmittedState {
  values: Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_options?: { value: string }[] }>>;
}

const selectedOption = z.object({ value: z.string() });

/** One input's state; a field of the wrong type is dropped, as if the input had been left empty. */
const actionStateSchema = z
  .object({
    value: z.string().nullable().optional().catch(undefined),
    selected_option: selectedOption.nullable().optional().catch(undefined),
    selected_options: z.array(selectedOption).optional().catch(undefined),
  })
  .catch({});

const submittedStateSchema = z
  .object({ values: z.record(z.string(), z.record(z.string(), actionStateSchema).catch({})).catch({}) })
  .catch({ values: {} });

/**
 * `view.state` of a view_submission, as this code reads it, from any JSON at all: a payload of the
 * wrong shape (forged, or from a changed Slack) reads as empty inputs, which the modal then asks
 * for, instead of throwing before Slack gets its answer.
 */
export function parseSubmittedState(state: unknown): SubmittedState {
  return submittedStateSchema.parse(state) as SubmittedState;
}

/** A submitted modal's values: what the agent chose (`RequestChoices`, the domain's one declaration of them). */
export type SubmissionResult = { ok: true; value: RequestChoices } | { ok: false; errors: Record<string, string> };

/** Digits, optionally grouped by thousands ("1,200"): anything else ("1,50", "2.5") is ambiguous. */
const WHOLE_NUMBER = /^(\d{1,12}|\d{1,3}(,\d{3}){1,3})$/;

/**
 * Validates a submitted request modal against the order as it is now. Every problem is keyed by
 * the block it belongs to, so Slack shows it inline (`response_action: errors`), in the agent's words.
 */
export function parseRequestSubmission(words: Words, state: SubmittedState, metadata: RequestModalMetadata, order: Order): SubmissionResult {
  const errors: Record<string, string> = {};
  const read = (block: string, action: string) => state.values[block]?.[action];

  const initiator = initiatorSchema.safeParse(read(IDS.blocks.initiator, IDS.actions.initiator)?.selected_option?.value ?? metadata.initiator);
  if (!initiator.success) errors[IDS.blocks.initiator] = words.t("modals.errors.choose_side");
  const side = initiator.success ? initiator.data : metadata.initiator;

  // The chosen kind and reason are checked alone; what else is on offer is listed only for an error message.
  const kind = requestKindSchema.safeParse(read(IDS.blocks.kind, IDS.actions.kind)?.selected_option?.value ?? metadata.kind);
  if (!kind.success || !isKindOffered(order, kind.data, side)) {
    const kinds = offeredKinds(order, side);
    errors[kinds.length > 0 ? IDS.blocks.kind : IDS.blocks.initiator] =
      kinds.length > 0
        ? words.t("modals.errors.choose_kind", { kinds: words.list(kinds.map((k) => kindLabel(words, k)), "disjunction") })
        : words.t("modals.errors.nothing_can_be_filed", { orderId: order.orderId, status: statusLabel(words, order.status) });
  }
  const chosenKind = kind.success ? kind.data : metadata.kind;

  const reasonBlock = reasonBlockId(side, chosenKind);
  const reason = reasonSchema.safeParse(read(reasonBlock, IDS.actions.reason)?.selected_option?.value);
  // Reasons depend on the kind: with a kind that is not on offer, its reasons say nothing useful.
  if (!errors[IDS.blocks.kind]) {
    if (!reason.success || !isReasonOffered(order, chosenKind, side, reason.data)) {
      const reasons = offeredReasons(order, chosenKind, side);
      errors[reasons.length > 0 ? reasonBlock : IDS.blocks.initiator] = words.t(reasons.length > 0 ? "modals.errors.pick_reason" : "modals.errors.no_reason_for_side");
    }
  }

  const remainder = refundableRemainder(order);
  let amount: number | undefined;
  if (asksForAmount(order)) {
    const typed = (read(IDS.blocks.amount, IDS.actions.amount)?.value ?? "").trim();
    const raw = typed.replaceAll(",", "");
    if (!WHOLE_NUMBER.test(typed) || Number(raw) < 1) errors[IDS.blocks.amount] = words.t("modals.errors.amount_not_whole", amountFigures(words, order, remainder));
    else if (Number(raw) > remainder) errors[IDS.blocks.amount] = words.t(order.pending > 0 ? "modals.errors.amount_above_remainder_held" : "modals.errors.amount_above_remainder", amountFigures(words, order, remainder));
    else amount = Number(raw);
  }
  if (remainder < 1 && !errors[IDS.blocks.amount]) errors[asksForAmount(order) ? IDS.blocks.amount : IDS.blocks.initiator] = words.t("modals.errors.nothing_left", { orderId: order.orderId });

  const checked = new Set((read(IDS.blocks.options, IDS.actions.options)?.selected_options ?? []).map((o) => o.value));
  const note = (read(IDS.blocks.note, IDS.actions.note)?.value ?? "").trim();
  if (note.length > 2000) errors[IDS.blocks.note] = words.t("modals.errors.note_too_long");

  if (Object.keys(errors).length > 0 || !initiator.success || !kind.success || !reason.success) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: kind.data,
      initiator: initiator.data,
      reason: reason.data,
      ...(amount !== undefined ? { amount } : {}),
      notifyCustomer: checked.has(IDS.options.notifyCustomer),
      flagCustomer: checked.has(IDS.options.flagCustomer),
      returnReceived: checked.has(IDS.options.returnReceived),
      ...(note ? { note } : {}),
    },
  };
}

/**
 * What an amount error names, in the unit the amount field takes: money where that is the
 * currency's whole unit (NT$600), else the number to type with its money beside it ("1,500
 * ($15.00)" for cents). Worded only for an error, never for an amount that is fine.
 */
function amountFigures(words: Words, order: Order, remainder: number): Record<"currency" | "remainder" | "total" | "refunded" | "pending", string> {
  const whole = minorDigits(order.currency) === 0;
  const shown = (amount: number) => (whole ? words.money(amount, order.currency) : `${words.number(amount)} (${words.money(amount, order.currency)})`);
  return { currency: order.currency, remainder: shown(remainder), total: shown(order.total), refunded: shown(order.refunded), pending: shown(order.pending) };
}
