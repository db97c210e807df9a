import type { KnownBlock } from "@slack/types";
import { MANUAL_WHY } from "../../domain/manual-why";
import type { Order } from "../../domain/order";
import type { RequestState } from "../../domain/request-state";
import type { Words } from "../../presentation/index";
import { IDS } from "../ids";
import { escapeMrkdwn, requestLabel } from "../format";
import { providerLabel, type ExecutionView } from "./effect-text";
import { platformLabel } from "./labels";

export { effectText, effectsSummary, providerLabel, type EffectLine, type ExecutionView } from "./effect-text";

type Failure = NonNullable<ExecutionView["failure"]>;
type ManualTask = NonNullable<ExecutionView["manualTask"]>;
type OrderRef = Pick<Order, "platform" | "orderId">;

/** Provider errors can be long, multi-line HTML; the channel needs one readable line. */
function oneLine(error: string): string {
  return error.replace(/\s+/g, " ").trim().slice(0, 300);
}

/** What follows a failed effect (Q13): a refund stays retryable and is never refunded twice (C9). */
function failureAdvice(words: Words, failure: Failure, order: OrderRef): string {
  if (failure.effect !== "refund") return words.t("execution.failure.retryCarriesOn");
  const error = oneLine(`${failure.code} ${failure.message}`) || words.t("execution.failure.noErrorText");
  return words.t(order.platform === "qoo10" ? "execution.failure.refund.qoo10" : "execution.failure.refund.other", { orderId: order.orderId, error });
}

function actions(button: { actionId: string; id: number; text: string; title: string; body: string; cancel: string }): KnownBlock {
  return {
    type: "actions",
    block_id: IDS.blocks.execution,
    elements: [
      {
        type: "button",
        action_id: button.actionId,
        text: { type: "plain_text", text: button.text },
        style: "primary",
        value: String(button.id),
        confirm: {
          title: { type: "plain_text", text: button.title },
          text: { type: "mrkdwn", text: button.body },
          confirm: { type: "plain_text", text: button.text },
          deny: { type: "plain_text", text: button.cancel },
        },
      },
    ],
  };
}

/** The failure (Q13) and Retry. */
function failureBlocks(words: Words, id: number, failure: Failure, order: OrderRef): KnownBlock[] {
  const stopped = words.t("execution.failure.stopped", {
    effect: words.t("execution.effectName", { effect: failure.effect, name: escapeMrkdwn(failure.effect) }),
    provider: providerLabel(words, failure.provider),
    code: escapeMrkdwn(failure.code),
    message: escapeMrkdwn(failure.message).slice(0, 500),
  });
  return [
    { type: "section", text: { type: "mrkdwn", text: stopped } },
    { type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(failureAdvice(words, failure, order)) }] },
    actions({
      actionId: IDS.actions.retryExecution,
      id,
      text: words.t("execution.retry.button"),
      title: words.t("execution.retry.title", { request: requestLabel(id) }),
      body: words.t("execution.retry.body"),
      cancel: words.t("execution.cancel"),
    }),
  ];
}

/** C7's reason in the reader's words, when it is one the bot wrote; otherwise as stored. */
export function manualWhy(words: Words, why: string): string {
  if (why === MANUAL_WHY.decided) return words.t("execution.manualWhy.decided");
  if (why === MANUAL_WHY.line_pay_1163) return words.t("execution.manualWhy.line_pay_1163");
  return escapeMrkdwn(why);
}

/** The manual refund task (C7) and Mark refunded. */
function manualTaskBlocks(words: Words, id: number, task: ManualTask, order: OrderRef): KnownBlock[] {
  const amount = words.money(task.amount, task.currency);
  const text = words.t("execution.manual.task", { amount, platform: platformLabel(words, order.platform), orderId: escapeMrkdwn(order.orderId), feeBearer: task.feeBearer });
  return [
    { type: "section", text: { type: "mrkdwn", text } },
    { type: "context", elements: [{ type: "mrkdwn", text: words.t("execution.manual.why", { why: manualWhy(words, task.why) }) }] },
    actions({
      actionId: IDS.actions.markRefunded,
      id,
      text: words.t("execution.markRefunded.button"),
      title: words.t("execution.markRefunded.title"),
      body: words.t("execution.markRefunded.body", { amount }),
      cancel: words.t("execution.cancel"),
    }),
  ];
}

/**
 * The effects line (`effects`, as effectsSummary words them), and while failed or manual_pending
 * the failure (Q13) or the manual task (C7) with its button.
 */
export function executionBlocks(words: Words, input: { id: number; state: RequestState; order: OrderRef; view: ExecutionView | undefined; effects: string | undefined }): KnownBlock[] {
  const { id, state, order, view, effects } = input;
  const blocks: KnownBlock[] = [];
  if (effects) blocks.push({ type: "section", text: { type: "mrkdwn", text: words.t("execution.effects", { effects }) } });
  if (state === "failed" && view?.failure) blocks.push(...failureBlocks(words, id, view.failure, order));
  if (state === "manual_pending" && view?.manualTask) blocks.push(...manualTaskBlocks(words, id, view.manualTask, order));
  return blocks;
}

