import type { KnownBlock } from "@slack/types";
import type { EffectKind, EffectStatus, EffectVia } from "../../domain/execution-plan";
import type { Order } from "../../domain/order";
import { refundFailureNotice } from "../../domain/policy/failure";
import type { RequestState } from "../../domain/request-state";
import { IDS } from "../ids";
import { escapeMrkdwn, formatMoney, PLATFORM_LABELS, requestLabel } from "../format";

/** One effect as the request message shows it. */
export interface EffectLine {
  kind: EffectKind;
  provider: string;
  via: EffectVia;
  status: EffectStatus;
  amount?: number;
  points?: number;
  coupons?: number;
  locale?: string;
  /** Kept in the local outbox for a person to send (the platform's API cannot message buyers). */
  outbox?: boolean;
  errorCode?: string;
  /** Who marked a manual refund done. */
  by?: string;
}

/** What the execution of a request shows in its message: each effect, and the failure or the manual task. */
export interface ExecutionView {
  effects: EffectLine[];
  /** The last `execution_failed` (shown while the request is failed). */
  failure?: { effect: string; provider: string; code: string; message: string };
  /** The last `manual_task_created` (shown while the request waits for a manual refund). */
  manualTask?: { amount: number; currency: string; feeBearer: string; why: string };
}

export const PROVIDER_LABELS: Record<string, string> = { cyberbiz: "Cyberbiz", qoo10: "Qoo10", line_pay: "LINE Pay", local: "the local store", manual: "by hand", "refund-desk": "Refund Desk" };

function providerLabel(provider: string): string {
  return PROVIDER_LABELS[provider] ?? provider;
}

function user(id: string): string {
  return /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}

function restored(line: EffectLine): string {
  const parts = [line.points ? `${line.points.toLocaleString("en-US")} points` : "", line.coupons ? `${line.coupons} coupon${line.coupons === 1 ? "" : "s"}` : ""].filter(Boolean);
  return parts.join(" and ") || "nothing";
}

/** "cancelled at Cyberbiz ✓", "refunded NT$1,200 at LINE Pay ✓", "100 points restored ✓" … */
export function effectText(line: EffectLine, currency: string): string {
  const at = line.via === "included" ? `by ${providerLabel(line.provider)}` : `at ${providerLabel(line.provider)}`;
  const money = line.amount !== undefined ? formatMoney(line.amount, currency) : "";
  const done = line.status === "done";
  let text: string;
  switch (line.kind) {
    case "q5_notice":
      text = done ? `buyer told first (Q5${line.locale ? `, ${line.locale}` : ""})` : "tell the buyer first (Q5)";
      break;
    case "cancel":
      text = done ? `cancelled ${at}` : `cancel ${at}`;
      break;
    case "accept_return":
      text = done ? `return accepted ${at}` : `accept the return ${at}`;
      break;
    case "refund":
      if (line.status === "manual") return `refund ${money} by hand, seller pays the fee ✋`;
      if (line.via === "manual") text = done ? `refunded ${money} by hand${line.by ? ` (${user(line.by)})` : ""}` : `refund ${money} by hand`;
      else text = done ? `refunded ${money} ${at}` : `refund ${money} ${at}`;
      break;
    case "restore":
      text = done ? `${restored(line)} restored${line.via === "included" ? ` ${at}` : ""}` : `restore ${restored(line)}`;
      break;
    case "flag_customer":
      text = done ? `customer flagged${line.via === "included" ? ` ${at}` : ""}` : "flag the customer";
      break;
    case "customer_notice":
      if (line.outbox) text = done ? `customer notice kept in the outbox${line.locale ? ` (${line.locale})` : ""}: send it by hand` : "write the customer notice";
      else text = done ? `customer told${line.via === "included" ? ` ${at}` : ""}${line.locale ? ` (${line.locale})` : ""}` : "tell the customer";
      break;
  }
  switch (line.status) {
    case "done":
      return `${text} ✓`;
    case "started":
      return `${text} …`;
    case "failed":
      return `${text} ✗${line.errorCode ? ` (${escapeMrkdwn(line.errorCode)})` : ""}`;
    case "manual":
      return `${text} ✋`;
    case "pending":
      return `${text} ◦`;
  }
}

export function effectsSummary(view: ExecutionView | undefined, currency: string): string | undefined {
  if (!view || view.effects.length === 0) return undefined;
  return view.effects.map((line) => effectText(line, currency)).join(" · ");
}

/** The effects line, and while failed or manual_pending the failure (Q13) or the manual task (C7) with its button. */
export function executionBlocks(input: { id: number; state: RequestState; currency: string; order: Pick<Order, "platform" | "orderId">; view: ExecutionView | undefined }): KnownBlock[] {
  const { id, state, currency, order, view } = input;
  const blocks: KnownBlock[] = [];
  const summary = effectsSummary(view, currency);
  if (summary) blocks.push({ type: "section", text: { type: "mrkdwn", text: `*Effects*: ${summary}` } });

  if (state === "failed" && view?.failure) {
    const { failure } = view;
    const providerError = `${failure.code} ${failure.message}`;
    blocks.push(
      {
        type: "section",
        text: { type: "mrkdwn", text: `:x: *Execution stopped* at ${escapeMrkdwn(failure.effect)} (${escapeMrkdwn(providerLabel(failure.provider))}): \`${escapeMrkdwn(failure.code)}\` ${escapeMrkdwn(failure.message).slice(0, 500)}` },
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: escapeMrkdwn(
              failure.effect === "refund"
                ? refundFailureNotice(order, providerError)
                : "Effects already done stay done: Retry carries on from the one that failed, once what stopped it is fixed.",
            ),
          },
        ],
      },
      {
        type: "actions",
        block_id: IDS.blocks.execution,
        elements: [
          {
            type: "button",
            action_id: IDS.actions.retryExecution,
            text: { type: "plain_text", text: "Retry" },
            style: "primary",
            value: String(id),
            confirm: {
              title: { type: "plain_text", text: `Retry ${requestLabel(id)}?` },
              text: { type: "mrkdwn", text: "Effects already done are skipped, and a refund that may have gone through is looked up at the provider before any new call." },
              confirm: { type: "plain_text", text: "Retry" },
              deny: { type: "plain_text", text: "Cancel" },
            },
          },
        ],
      },
    );
  }

  if (state === "manual_pending" && view?.manualTask) {
    const task = view.manualTask;
    const fee = task.feeBearer === "seller" ? "The seller pays the transfer fee." : task.feeBearer === "customer" ? "The customer pays the transfer fee." : "";
    blocks.push(
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            `:raised_hand: *Manual refund task*: refund *${formatMoney(task.amount, task.currency)}* to the customer of ${PLATFORM_LABELS[order.platform]} order ${escapeMrkdwn(order.orderId)} ` +
            `by other means (e.g. a bank transfer), without LINE Pay. ${fee} The customer's contact details are in the ${PLATFORM_LABELS[order.platform]} back office.`,
        },
      },
      { type: "context", elements: [{ type: "mrkdwn", text: `Why: ${escapeMrkdwn(task.why)}` }] },
      {
        type: "actions",
        block_id: IDS.blocks.execution,
        elements: [
          {
            type: "button",
            action_id: IDS.actions.markRefunded,
            text: { type: "plain_text", text: "Mark refunded" },
            style: "primary",
            value: String(id),
            confirm: {
              title: { type: "plain_text", text: "Mark as refunded?" },
              text: { type: "mrkdwn", text: `Only once ${formatMoney(task.amount, task.currency)} has reached the customer. Your name and the time are recorded.` },
              confirm: { type: "plain_text", text: "Mark refunded" },
              deny: { type: "plain_text", text: "Cancel" },
            },
          },
        ],
      },
    );
  }
  return blocks;
}
