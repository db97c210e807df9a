import type { KnownBlock, ModalView, Option, PlainTextOption } from "@slack/types";
import { refundableRemainder, type Order } from "../../domain/order";
import { offeredKinds, offeredReasons } from "../../domain/policy";
import { initiatorSchema, type Initiator, type RequestKind } from "../../domain/request";
import type { Words } from "../../presentation/words";
import { IDS } from "../ids";
import { minorDigits, slackDate } from "../format";
import { initiatorLabel, kindLabel, paymentMethodLabel, platformLabel, reasonLabel, statusLabel } from "../../presentation/index";
import { commandNotice } from "./command-notice";
import { asksForAmount, reasonBlockId, type RequestModalMetadata } from "./request-modal-metadata";

export { asksForAmount, defaultInitiator, defaultKind, parseRequestModalMetadata, reasonBlockId, requestModalMetadataSchema, type RequestModalMetadata } from "./request-modal-metadata";

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const option = (value: string, text: string): PlainTextOption => ({ text: plain(text), value });
const field = (text: string) => ({ type: "mrkdwn" as const, text });

function orderSummary(words: Words, order: Order): KnownBlock[] {
  const money = (amount: number) => words.money(amount, order.currency);
  const refunded = words.t("modals.request.already_refunded", { amount: money(order.refunded) });
  return [
    {
      type: "section",
      text: field(words.t("modals.request.order_heading", { platform: platformLabel(words, order.platform), orderId: order.orderId })),
      fields: [
        field(words.t("modals.request.status", { status: statusLabel(words, order.status) })),
        field(words.t("modals.request.placed", { date: slackDate(new Date(order.createdAt)) })),
        field(words.t("modals.request.total", { amount: money(order.total) })),
        field(order.pending > 0 ? `${refunded}\n${words.t("modals.request.held_by_open_requests", { amount: money(order.pending) })}` : refunded),
        field(words.t("modals.request.refundable", { amount: money(refundableRemainder(order)) })),
        field(words.t("modals.request.payment", { method: paymentMethodLabel(words, order.paymentMethod) })),
      ],
    },
    { type: "divider" },
  ];
}

function sideAndKind(words: Words, order: Order, initiator: Initiator, kind: RequestKind): KnownBlock[] {
  const sides = initiatorSchema.options.map((value) => option(value, initiatorLabel(words, value)));
  const blocks: KnownBlock[] = [
    {
      type: "input",
      block_id: IDS.blocks.initiator,
      dispatch_action: true,
      label: plain(words.t("modals.request.who_is_asking")),
      element: { type: "radio_buttons", action_id: IDS.actions.initiator, options: sides, initial_option: sides.find((o) => o.value === initiator) },
    },
  ];
  const kinds = offeredKinds(order, initiator).map((value) => option(value, kindLabel(words, value)));
  if (kinds.length > 0) {
    blocks.push({
      type: "input",
      block_id: IDS.blocks.kind,
      dispatch_action: true,
      label: plain(words.t("modals.request.kind")),
      element: { type: "radio_buttons", action_id: IDS.actions.kind, options: kinds, initial_option: kinds.find((o) => o.value === kind) },
    });
  }
  return blocks;
}

function reasonField(words: Words, order: Order, initiator: Initiator, kind: RequestKind): KnownBlock {
  const reasons = offeredReasons(order, kind, initiator);
  if (reasons.length === 0) {
    return { type: "section", block_id: IDS.blocks.reason, text: field(words.t("modals.request.no_reason_for_side", { kind, initiator })) };
  }
  return {
    type: "input",
    block_id: reasonBlockId(initiator, kind),
    label: plain(words.t("modals.request.reason")),
    element: {
      type: "static_select",
      action_id: IDS.actions.reason,
      placeholder: plain(words.t("modals.request.reason_placeholder")),
      options: reasons.map((value) => option(value, reasonLabel(words, value))),
    },
  };
}

function amountField(words: Words, order: Order): KnownBlock {
  const remainder = refundableRemainder(order);
  if (!asksForAmount(order)) return { type: "context", elements: [field(words.t("modals.request.refund_in_full", { amount: words.money(remainder, order.currency) }))] };
  const digits = minorDigits(order.currency);
  return {
    type: "input",
    block_id: IDS.blocks.amount,
    label: plain(digits ? words.t("modals.request.amount_in_units", { currency: order.currency, units: String(10 ** digits) }) : words.t("modals.request.amount", { currency: order.currency })),
    hint: plain(words.t("modals.request.amount_hint", { remainder: String(remainder) })),
    element: { type: "plain_text_input", action_id: IDS.actions.amount, initial_value: String(remainder) },
  };
}

function optionsAndNote(words: Words, order: Order, kind: RequestKind): KnownBlock[] {
  const checkboxes: Option[] = [option(IDS.options.notifyCustomer, words.t("modals.request.notify_customer"))];
  if (order.platform === "cyberbiz" && kind === "cancel") checkboxes.push(option(IDS.options.flagCustomer, words.t("modals.request.flag_customer")));
  if (order.platform === "qoo10" && kind === "return") checkboxes.push(option(IDS.options.returnReceived, words.t("modals.return_received")));
  return [
    { type: "input", block_id: IDS.blocks.options, optional: true, label: plain(words.t("modals.options")), element: { type: "checkboxes", action_id: IDS.actions.options, options: checkboxes } },
    {
      type: "input",
      block_id: IDS.blocks.note,
      optional: true,
      label: plain(words.t("modals.request.note")),
      element: { type: "plain_text_input", action_id: IDS.actions.note, multiline: true, max_length: 2000 },
    },
  ];
}

export interface RequestModalInput {
  order: Order;
  command: "refund" | "cancel";
  channelId: string;
  initiator: Initiator;
  kind: RequestKind;
}

/** The modal an agent fills to file a request, in the agent's words: only what the rules need, only choices that can succeed. */
export function buildRequestModal(words: Words, { order, command, channelId, initiator, kind }: RequestModalInput): ModalView {
  const metadata: RequestModalMetadata = { platform: order.platform, orderId: order.orderId, channelId, command, initiator, kind };
  const blocks: KnownBlock[] = [];
  // Said before anything else: the agent asked for another kind, and one click must not file this one unawares.
  const notice = offeredKinds(order, initiator).includes(kind) ? commandNotice(words, order, command, initiator, kind) : undefined;
  if (notice) blocks.push({ type: "section", block_id: IDS.blocks.commandNotice, text: field(words.t("modals.request.notice", { notice })) });
  blocks.push(...orderSummary(words, order), ...sideAndKind(words, order, initiator, kind), reasonField(words, order, initiator, kind), amountField(words, order), ...optionsAndNote(words, order, kind));
  return {
    type: "modal",
    callback_id: IDS.views.requestModal,
    private_metadata: JSON.stringify(metadata),
    title: plain(words.t(command === "cancel" ? "modals.request.title_cancel" : "modals.request.title_refund")),
    submit: plain(words.t("modals.request.submit")),
    close: plain(words.t("modals.close")),
    blocks,
  };
}
