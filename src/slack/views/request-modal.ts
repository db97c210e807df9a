import type { KnownBlock, ModalView, Option, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { platformSchema, refundableRemainder, type Order } from "../../domain/order";
import { offeredKinds, offeredReasons } from "../../domain/policy";
import { initiatorSchema, requestKindSchema, type Initiator, type RequestKind } from "../../domain/request";
import { IDS } from "../ids";
import { INITIATOR_LABELS, KIND_LABELS, PLATFORM_LABELS, REASON_LABELS, formatMoney, minorDigits, slackDate } from "../format";
import { commandNotice } from "./command-notice";

/** What the modal carries between opening and submission (Slack's private_metadata). */
export const requestModalMetadataSchema = z.object({
  platform: platformSchema,
  orderId: z.string().min(1).max(64),
  channelId: z.string().min(1).max(32),
  command: z.enum(["refund", "cancel"]),
  initiator: initiatorSchema,
  kind: requestKindSchema,
});
export type RequestModalMetadata = z.infer<typeof requestModalMetadataSchema>;

/** The request modal's private_metadata, from any value: what the modal was opened for, or null. */
export function parseRequestModalMetadata(raw: unknown): RequestModalMetadata | null {
  if (typeof raw !== "string") return null;
  try {
    const parsed = requestModalMetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const option = (value: string, text: string): PlainTextOption => ({ text: plain(text), value });

/** The reason select changes block id with its options, so Slack does not keep a choice that is no longer offered. */
export function reasonBlockId(initiator: Initiator, kind: RequestKind): string {
  return `${IDS.blocks.reason}_${initiator}_${kind}`;
}

/** Qoo10 refunds only in full (Q15), so its modal shows the amount instead of asking for it. */
export function asksForAmount(order: Order): boolean {
  return order.platform !== "qoo10";
}

export function defaultInitiator(order: Order): Initiator {
  return order.customerCancelRequested ? "customer" : "store";
}

export function defaultKind(order: Order, command: "refund" | "cancel", initiator: Initiator): RequestKind | undefined {
  const kinds = offeredKinds(order, initiator);
  return kinds.includes(command) ? command : kinds[0];
}

function orderSummary(order: Order): KnownBlock[] {
  const remainder = refundableRemainder(order);
  return [
    {
      type: "section",
      text: { type: "mrkdwn", text: `*${PLATFORM_LABELS[order.platform]} order ${order.orderId}*` },
      fields: [
        { type: "mrkdwn", text: `*Status*\n${order.status}` },
        { type: "mrkdwn", text: `*Placed*\n${slackDate(new Date(order.createdAt))}` },
        { type: "mrkdwn", text: `*Total*\n${formatMoney(order.total, order.currency)}` },
        { type: "mrkdwn", text: `*Already refunded*\n${formatMoney(order.refunded, order.currency)}${order.pending > 0 ? `\n(${formatMoney(order.pending, order.currency)} more in open requests)` : ""}` },
        { type: "mrkdwn", text: `*Refundable*\n${formatMoney(remainder, order.currency)}` },
        { type: "mrkdwn", text: `*Payment*\n${order.paymentMethod.replace("_", " ")}` },
      ],
    },
    { type: "divider" },
  ];
}

export interface RequestModalInput {
  order: Order;
  command: "refund" | "cancel";
  channelId: string;
  initiator: Initiator;
  kind: RequestKind;
}

/** The modal an agent fills to file a request: only what the rules need, only choices that can succeed. */
export function buildRequestModal({ order, command, channelId, initiator, kind }: RequestModalInput): ModalView {
  const kinds = offeredKinds(order, initiator);
  const reasons = offeredReasons(order, kind, initiator);
  const metadata: RequestModalMetadata = { platform: order.platform, orderId: order.orderId, channelId, command, initiator, kind };
  const remainder = refundableRemainder(order);
  const blocks: KnownBlock[] = [];
  // Said before anything else: the agent asked for another kind, and one click must not file this one unawares.
  const notice = kinds.includes(kind) ? commandNotice(order, command, initiator, kind) : undefined;
  if (notice) blocks.push({ type: "section", block_id: IDS.blocks.commandNotice, text: { type: "mrkdwn", text: `:information_source: ${notice}` } });
  blocks.push(...orderSummary(order));

  const initiatorOptions = initiatorSchema.options.map((value) => option(value, INITIATOR_LABELS[value]));
  blocks.push({
    type: "input",
    block_id: IDS.blocks.initiator,
    dispatch_action: true,
    label: plain("Who is asking?"),
    element: {
      type: "radio_buttons",
      action_id: IDS.actions.initiator,
      options: initiatorOptions,
      initial_option: initiatorOptions.find((o) => o.value === initiator),
    },
  });

  if (kinds.length > 0) {
    const kindOptions = kinds.map((value) => option(value, KIND_LABELS[value]));
    blocks.push({
      type: "input",
      block_id: IDS.blocks.kind,
      dispatch_action: true,
      label: plain("Request"),
      element: { type: "radio_buttons", action_id: IDS.actions.kind, options: kindOptions, initial_option: kindOptions.find((o) => o.value === kind) },
    });
  }

  if (reasons.length > 0) {
    blocks.push({
      type: "input",
      block_id: reasonBlockId(initiator, kind),
      label: plain("Reason"),
      element: {
        type: "static_select",
        action_id: IDS.actions.reason,
        placeholder: plain("Pick the reason"),
        options: reasons.map((value) => option(value, REASON_LABELS[value])),
      },
    });
  } else {
    blocks.push({
      type: "section",
      block_id: IDS.blocks.reason,
      text: { type: "mrkdwn", text: `:warning: No ${KIND_LABELS[kind].toLowerCase()} on this order can succeed when *${INITIATOR_LABELS[initiator].toLowerCase()}* asks. Try the other side.` },
    });
  }

  if (asksForAmount(order)) {
    blocks.push({
      type: "input",
      block_id: IDS.blocks.amount,
      label: plain(`Amount to refund (${order.currency}${minorDigits(order.currency) ? `, in 1/${10 ** minorDigits(order.currency)} units` : ""})`),
      hint: plain(`Everything still refundable is ${remainder}.`),
      element: { type: "plain_text_input", action_id: IDS.actions.amount, initial_value: String(remainder) },
    });
  } else {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Refund in full: *${formatMoney(remainder, order.currency)}* (Qoo10 refunds cancels and returns in full, Q15).` }] });
  }

  const checkboxOptions: Option[] = [option(IDS.options.notifyCustomer, "Email / message the customer")];
  if (order.platform === "cyberbiz" && kind === "cancel") checkboxOptions.push(option(IDS.options.flagCustomer, "Mark the customer as a warning account"));
  if (order.platform === "qoo10" && kind === "return") checkboxOptions.push(option(IDS.options.returnReceived, "The returned goods have arrived"));
  blocks.push({
    type: "input",
    block_id: IDS.blocks.options,
    optional: true,
    label: plain("Options"),
    element: { type: "checkboxes", action_id: IDS.actions.options, options: checkboxOptions },
  });

  blocks.push({
    type: "input",
    block_id: IDS.blocks.note,
    optional: true,
    label: plain("Note for the approver"),
    element: { type: "plain_text_input", action_id: IDS.actions.note, multiline: true, max_length: 2000 },
  });

  return {
    type: "modal",
    callback_id: IDS.views.requestModal,
    private_metadata: JSON.stringify(metadata),
    title: plain(command === "cancel" ? "Cancel an order" : "Refund an order"),
    submit: plain("File request"),
    close: plain("Close"),
    blocks,
  };
}
