import { AUDIT_DETAIL, type AuditAction } from "../../domain/audit-actions";
import { escapeMrkdwn, formatMoney } from "../format";
import { PROVIDER_LABELS } from "./execution-section";

/** An audit row, as a thread reply reads it. */
export interface AuditEventInput {
  action: string;
  actor: string;
  actorType: string;
  toState: string | null;
  detail: unknown;
}

const mention = (id: string) => (/^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : escapeMrkdwn(id));
const mentions = (ids: readonly string[]) => ids.map(mention).join(", ");

function humanDuration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}

type Formatters = { [A in AuditAction]: (detail: never, event: AuditEventInput) => string | null };

/** The effects of src/domain/execution-plan.ts (EffectKind), as the thread tells them. */
const EFFECT_LABELS: Record<string, string> = {
  q5_notice: "Buyer told first (Q5)",
  cancel: "Order cancelled",
  accept_return: "Return accepted",
  refund: "Refunded",
  restore: "Points and coupons restored",
  flag_customer: "Customer flagged",
  customer_notice: "Customer told",
};

const provider = (name: string) => escapeMrkdwn(PROVIDER_LABELS[name] ?? name);

/**
 * One line in the request's thread for each step worth telling. Filing and the decision are shown
 * by the request message itself, a refused click only to the one who clicked.
 */
const FORMATTERS: Formatters = {
  filed: () => null,
  decided: () => null,
  order_not_found: () => ":warning: The order is no longer in the order store, so the request could not be decided.",
  approval_given: (d: { approver: string; remaining: number }) => `:ballot_box_with_check: ${mention(d.approver)} approved; ${d.remaining} more approver${d.remaining === 1 ? "" : "s"} needed.`,
  approved: (d: { approvers: string[] }) => `:white_check_mark: Approved by ${mentions(d.approvers)}.`,
  denied: (d: { approver: string; reason: string }) => `:no_entry: Rejected by ${mention(d.approver)}: ${escapeMrkdwn(d.reason)}`,
  approval_refused: () => null,
  reminder_sent: (d: { to: string[] }) => `:alarm_clock: Still waiting for approval; reminded ${d.to.length ? mentions(d.to) : "the approvers"}.`,
  escalated: (d: { to: string }) => `:rotating_light: Waited too long: escalated to ${/^[CG]/.test(d.to) ? `<#${d.to}>` : mention(d.to)}.`,
  expired: (d: { afterMs: number }) => `:hourglass: Expired: nobody decided within ${humanDuration(d.afterMs)}.`,
  execution_started: (d: { attempt: number }) => (d.attempt > 1 ? `:arrows_counterclockwise: Carrying it out again (attempt ${d.attempt}).` : null),
  effect_done: (d: { effect: string; provider: string; reference: string; alreadyDone?: boolean; amount?: number }) =>
    `:heavy_check_mark: ${EFFECT_LABELS[d.effect] ?? escapeMrkdwn(d.effect)} ${d.provider === "manual" ? "by hand" : `at ${provider(d.provider)}`} (${escapeMrkdwn(d.reference)})${d.alreadyDone ? ", found already done" : ""}.`,
  effect_failed: (d: { effect: string; provider: string; code: string; message: string; permanent: boolean }) =>
    d.permanent ? `:x: ${EFFECT_LABELS[d.effect] ?? escapeMrkdwn(d.effect)} failed at ${provider(d.provider)}: ${escapeMrkdwn(d.code)} ${escapeMrkdwn(d.message)}` : null,
  completed: () => ":tada: Done.",
  execution_failed: (d: { provider: string; code: string; message: string }) =>
    `:x: Stopped: ${provider(d.provider)} answered ${escapeMrkdwn(d.code)} (${escapeMrkdwn(d.message)}). An approver can retry it.`,
  manual_task_created: (d: { amount: number; currency: string; why: string }) =>
    `:raised_hand: Manual refund: pay ${formatMoney(d.amount, d.currency)} back by other means; the seller pays the transfer fee (C7). ${escapeMrkdwn(d.why)}`,
  manual_refund_marked: (d: { by: string }) => `:white_check_mark: Marked refunded by ${mention(d.by)}.`,
  retry_requested: (d: { by: string }) => `:arrows_counterclockwise: ${mention(d.by)} asked to try again.`,
};

/** The thread reply for an audit row, or null when that step is not told in the thread. */
export function threadReplyFor(event: AuditEventInput): string | null {
  const action = event.action as AuditAction;
  const schema = AUDIT_DETAIL[action];
  if (!schema) return null;
  const detail = schema.safeParse(event.detail);
  if (!detail.success) return null;
  return (FORMATTERS[action] as (d: unknown, e: AuditEventInput) => string | null)(detail.data, event);
}
