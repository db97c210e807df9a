import { randomUUID } from "node:crypto";
import { orderSchema, type Order } from "../src/domain/order";
import { wordsFor } from "../src/presentation/words";
import { buildRequestModal } from "../src/slack/views/request-modal";
import { WARM_UP_SECONDS, type PhaseSeconds } from "./options";
import { formBody } from "./slack-client";

/** Orders the submissions refund, one order per submission, all inside LINE Pay's window. */
function makeOrders(count: number, tag: string): Order[] {
  const placed = new Date(Date.now() - 3 * 86_400_000).toISOString();
  return Array.from({ length: count }, (_, i) =>
    orderSchema.parse({
      platform: "cyberbiz", orderId: `B${tag}${i}`, status: "shipped", paymentMethod: "line_pay", transactionId: `2026${String(i).padStart(15, "0")}`,
      currency: "TWD", total: 1200, createdAt: placed, buyerLocale: "zh-TW",
    }),
  );
}

/** The orders of each phase, stored before the bot starts. */
export interface BenchOrders {
  warmUp: Order[];
  ack: Order[];
  max: Order[];
  latency: Order[];
  bulk: Order[];
}

export function benchOrders(rate: number, saturateRate: number, phaseSeconds: PhaseSeconds, tag: string): BenchOrders {
  return {
    warmUp: makeOrders(rate * WARM_UP_SECONDS, `${tag}W`),
    ack: makeOrders(rate * phaseSeconds.ack, `${tag}A`),
    max: makeOrders(saturateRate * phaseSeconds.saturate, `${tag}M`),
    latency: makeOrders(saturateRate * phaseSeconds.latency, `${tag}L`),
    // A bad day: 10,000 new Qoo10 orders out of stock, cancelled in one bulk request.
    bulk: Array.from({ length: 10_000 }, (_, i) =>
      orderSchema.parse({ platform: "qoo10", orderId: `Q${tag}K${i}`, status: "new", paymentMethod: "credit_card", currency: "JPY", total: 5800, createdAt: new Date(Date.now() - 86_400_000).toISOString(), buyerLocale: "ja-JP" }),
    ),
  };
}

/** A view_submission exactly as Slack would send back the modal the bot opens for `order`. */
function submissionFor(order: Order): Record<string, string> {
  const view = buildRequestModal(wordsFor("en"), { order, command: "refund", channelId: "C0SUPPORT", initiator: "store", kind: "refund" });
  const payload = {
    type: "view_submission",
    team: { id: "T0BENCH", domain: "bench" },
    user: { id: "U0AGENT", username: "agent", name: "agent", team_id: "T0BENCH" },
    api_app_id: "A0APP",
    token: "legacy",
    trigger_id: `t.${randomUUID()}`,
    view: {
      ...view, id: `V${randomUUID().replaceAll("-", "").slice(0, 12)}`, team_id: "T0BENCH", app_id: "A0APP", bot_id: "B0BOT", hash: "h",
      state: {
        values: {
          initiator: { initiator_choice: { type: "radio_buttons", selected_option: { value: "store" } } },
          kind: { kind_choice: { type: "radio_buttons", selected_option: { value: "refund" } } },
          reason_store_refund: { reason_choice: { type: "static_select", selected_option: { value: "defective_item" } } },
          amount: { amount_input: { type: "plain_text_input", value: "500" } },
          options: { options_choice: { type: "checkboxes", selected_options: [] } },
          note: { note_input: { type: "plain_text_input", value: null } },
        },
      },
    },
    response_urls: [],
  };
  return { payload: JSON.stringify(payload) };
}

/** A phase's submissions, one per order, encoded. */
export interface Submissions {
  orders: Order[];
  bodies: Buffer[];
}

/**
 * Built before a phase starts, outside its timing and its CPU count: building the modal (the policy
 * engine runs to list its offers) and encoding it cost the driver more than sending it, and the
 * driver shares the cores with the bot.
 */
export function submissionsFor(orders: Order[], rate: number, seconds: number): Submissions {
  const sent = orders.slice(0, Math.round(rate * seconds));
  return { orders: sent, bodies: sent.map((order) => formBody(submissionFor(order))) };
}
