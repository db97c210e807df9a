import { AUDIT_DETAIL, type AuditAction } from "../../domain/audit-actions";
import type { Words } from "../../presentation/index";
import { escapeMrkdwn } from "../format";
import { manualWhy, providerLabel } from "./execution-section";
import { mention, mentionTarget } from "./labels";

/** An audit row, as a thread reply reads it. */
export interface AuditEventInput {
  action: string;
  actor: string;
  actorType: string;
  toState: string | null;
  detail: unknown;
}

const mentions = (words: Words, ids: readonly string[]) => words.list(ids.map(mention));

/** "3 d", "2 h", "30 min", "45 s": a whole unit where there is one. */
export function humanDuration(words: Words, ms: number): string {
  if (ms % 86_400_000 === 0) return words.t("channel.duration", { unit: "d", n: ms / 86_400_000 });
  if (ms % 3_600_000 === 0) return words.t("channel.duration", { unit: "h", n: ms / 3_600_000 });
  if (ms % 60_000 === 0) return words.t("channel.duration", { unit: "min", n: ms / 60_000 });
  return words.t("channel.duration", { unit: "s", n: Math.round(ms / 1000) });
}

type Formatters = { [A in AuditAction]: (words: Words, detail: never, event: AuditEventInput) => string | null };

/** The effects of src/domain/execution-plan.ts (EffectKind), as the thread tells them once done. */
const effectDone = (words: Words, effect: string) => words.t("execution.doneName", { effect, name: escapeMrkdwn(effect) });

/**
 * One line in the request's thread for each step worth telling. Filing and the decision are shown
 * by the request message itself, a refused click only to the one who clicked.
 */
const FORMATTERS: Formatters = {
  filed: () => null,
  decided: () => null,
  order_not_found: (w) => w.t("channel.reply.orderNotFound"),
  evaluation_failed: (w, d: { message: string }) => w.t("channel.reply.evaluationFailed", { message: escapeMrkdwn(d.message).slice(0, 300) }),
  approval_given: (w, d: { approver: string; remaining: number }) => w.t("channel.reply.approvalGiven", { approver: mention(d.approver), remaining: d.remaining }),
  approved: (w, d: { approvers: string[] }) => w.t("channel.reply.approved", { approvers: mentions(w, d.approvers) }),
  denied: (w, d: { approver: string; reason: string }) => w.t("channel.reply.denied", { approver: mention(d.approver), reason: escapeMrkdwn(d.reason) }),
  approval_refused: () => null,
  reminder_sent: (w, d: { to: string[] }) => (d.to.length ? w.t("channel.reply.reminded", { to: mentions(w, d.to) }) : w.t("channel.reply.remindedApprovers")),
  escalated: (w, d: { to: string }) => w.t("channel.reply.escalated", { to: mentionTarget(d.to) }),
  expired: (w, d: { afterMs: number }) => w.t("channel.reply.expired", { after: humanDuration(w, d.afterMs) }),
  execution_started: (w, d: { attempt: number }) => (d.attempt > 1 ? w.t("execution.reply.again", { attempt: d.attempt }) : null),
  effect_done: (w, d: { effect: string; provider: string; reference: string; alreadyDone?: boolean }) =>
    w.t(d.provider === "manual" ? "execution.reply.doneByHand" : "execution.reply.done", {
      effect: effectDone(w, d.effect),
      provider: providerLabel(w, d.provider),
      reference: escapeMrkdwn(d.reference),
      already: d.alreadyDone ? "yes" : "no",
    }),
  effect_failed: (w, d: { effect: string; provider: string; code: string; message: string; permanent: boolean }) =>
    d.permanent ? w.t("execution.reply.effectFailed", { effect: w.t("execution.effectName", { effect: d.effect, name: escapeMrkdwn(d.effect) }), provider: providerLabel(w, d.provider), code: escapeMrkdwn(d.code), message: escapeMrkdwn(d.message) }) : null,
  completed: (w) => w.t("execution.reply.completed"),
  execution_failed: (w, d: { provider: string; code: string; message: string }) =>
    w.t("execution.reply.stopped", { provider: providerLabel(w, d.provider), code: escapeMrkdwn(d.code), message: escapeMrkdwn(d.message) }),
  manual_task_created: (w, d: { amount: number; currency: string; why: string }) => w.t("execution.reply.manualTask", { amount: w.money(d.amount, d.currency), why: manualWhy(w, d.why) }),
  manual_refund_marked: (w, d: { by: string }) => w.t("execution.reply.markedRefunded", { user: mention(d.by) }),
  retry_requested: (w, d: { by: string }) => w.t("execution.reply.retryRequested", { user: mention(d.by) }),
};

/** The thread reply for an audit row, or null when that step is not told in the thread. */
export function threadReplyFor(words: Words, event: AuditEventInput): string | null {
  const action = event.action as AuditAction;
  const schema = AUDIT_DETAIL[action];
  if (!schema) return null;
  const detail = schema.safeParse(event.detail);
  if (!detail.success) return null;
  return (FORMATTERS[action] as (w: Words, d: unknown, e: AuditEventInput) => string | null)(words, detail.data, event);
}
