import { randomUUID } from "node:crypto";
import { orderSchema, type Order } from "../../src/domain/order";
import { buildRequestModal } from "../../src/slack/views/request-modal";
import { viewSubmission } from "../support/slack-requests";
import { wordsFor } from "../../src/presentation/words";

/** LINE Pay's currencies in the run: none of a minor unit (TWD, JPY) and cents (USD). */
export const CURRENCIES = ["TWD", "JPY", "USD"] as const;

/** Decimals of each currency as LINE Pay counts it: the fake is seeded in its major unit. */
const DECIMALS: Record<(typeof CURRENCIES)[number], number> = { TWD: 0, JPY: 0, USD: 2 };

/** What LINE Pay was paid for an order, in the currency's major unit (15.00 USD for 1500 cents). */
export function paidAtLinePay(order: Order): number {
  return order.total / 10 ** DECIMALS[order.currency as (typeof CURRENCIES)[number]];
}

/** LINE Pay's amount (major unit) in the order's smallest unit. */
export function inSmallestUnit(order: Order, amount: number): number {
  return Math.round(amount * 10 ** DECIMALS[order.currency as (typeof CURRENCIES)[number]]);
}

/** An order refunded in several requests filed at the same moment: every fifth. */
export const isSplit = (index: number) => index % 5 === 4;

/** The orders: LINE Pay-paid Cyberbiz orders, unshipped, paid 3 days ago, in each currency; odd ones above the auto-approval threshold. */
export function makeOrders(count: number, tag: string): Order[] {
  const placed = new Date(Date.now() - 3 * 86_400_000).toISOString();
  return Array.from({ length: count }, (_, i) =>
    orderSchema.parse({
      platform: "cyberbiz",
      orderId: `CH${tag}${String(i).padStart(5, "0")}`,
      status: "unshipped",
      paymentMethod: "line_pay",
      // 19 digits, unique per run and order: the fake counts refunds per transaction.
      transactionId: `2026${tag.slice(-6).padStart(6, "0").replace(/[^0-9]/g, "7")}${String(i).padStart(9, "0")}`,
      currency: CURRENCIES[i % CURRENCIES.length],
      total: i % 2 === 0 ? 800 : 1500,
      refunded: 0,
      createdAt: placed,
      buyerLocale: "zh-TW",
    }),
  );
}

/** One modal submission an agent makes: its form is built once, so that sending it again is a redelivery of the same view. */
export interface Filing {
  /** Unique in the run: the order and the filing's place on it. */
  key: string;
  order: Order;
  kind: "cancel" | "refund";
  amount: number;
  form: Record<string, string>;
  viewId: string;
}

/** A view_submission exactly as Slack sends back the modal the bot opens for `order`, filled in. */
function submission(order: Order, kind: "cancel" | "refund", amount: number, agent: string): { form: Record<string, string>; viewId: string } {
  const view = buildRequestModal(wordsFor("en"), { order, command: kind, channelId: "C0SUPPORT", initiator: "store", kind });
  const viewId = `V${randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`;
  const form = viewSubmission({ ...view, id: viewId }, {
    initiator: { initiator_choice: { type: "radio_buttons", selected_option: { value: "store" } } },
    kind: { kind_choice: { type: "radio_buttons", selected_option: { value: kind } } },
    [`reason_store_${kind}`]: { reason_choice: { type: "static_select", selected_option: { value: kind === "cancel" ? "out_of_stock" : "defective_item" } } },
    amount: { amount_input: { type: "plain_text_input", value: String(amount) } },
    options: { options_choice: { type: "checkboxes", selected_options: [] } },
    note: { note_input: { type: "plain_text_input", value: null } },
  }, agent);
  return { form, viewId };
}

/**
 * What the agents file: a cancel of each order for its total, except every fifth order, refunded in
 * three requests filed at the same moment by three agents, 40 %, 40 % and 30 % of its total: any two
 * fit, the three do not, so exactly one must be refused.
 */
export function planFilings(orders: readonly Order[]): Filing[] {
  return orders.flatMap((order, i): Filing[] => {
    if (!isSplit(i)) return [{ key: `${order.orderId}:0`, order, kind: "cancel", amount: order.total, ...submission(order, "cancel", order.total, "U0CHAOSAGENT") }];
    return [0.4, 0.4, 0.3].map((share, n) => {
      const amount = Math.round(order.total * share);
      return { key: `${order.orderId}:${n}`, order, kind: "refund", amount, ...submission(order, "refund", amount, `U0CHAOSAGENT${n}`) };
    });
  });
}
