import type { Actor } from "../domain/actor";
import type { RequestRow } from "./ports/store";
import type { UseCaseDeps } from "./ports/use-case-deps";
import { AUDIT_DETAIL } from "../domain/audit-actions";
import { decisionSchema } from "../domain/decision";
import { refundParamsSchema } from "../domain/execution-plan";
import { platformSchema } from "../domain/order";
import { afterTransition } from "./after-transition";

export type ExecutionActionOutcome =
  | { kind: "done" }
  | { kind: "not_an_approver" | "own_request" | "not_pending" | "unknown_request" }
  /** Someone else marked it refunded first: who, and when. */
  | { kind: "already_marked"; by: string; at: Date };

type Deps = Pick<UseCaseDeps, "store" | "queues" | "approvers" | "log">;

type Refusal = "not_an_approver" | "own_request" | "not_pending";

async function refuse(deps: Deps, requestId: number, user: string, why: Refusal): Promise<ExecutionActionOutcome> {
  await deps.store.recordAudit(requestId, { type: "user", id: user }, "approval_refused", AUDIT_DETAIL.approval_refused.parse({ user, why }));
  return { kind: why };
}

/** Who may act on a request's money: an approver, never its requester (four eyes, as for Approve and Reject). */
async function refusalFor(deps: Deps, row: RequestRow, user: string): Promise<Refusal | null> {
  if (!(await deps.approvers.isApprover(user))) return "not_an_approver";
  if (row.requestedBy === user) return "own_request";
  return null;
}

/**
 * Retry (Q13): an approver other than the requester asks for a failed request to be carried out
 * again. failed → approved (`retry_requested`), which queues a new execution; effects already done
 * are skipped and a refund that may have happened is reconciled first. Anyone else is refused and
 * the refusal audited.
 */
export async function retryExecution(deps: Deps, requestId: number, user: string): Promise<ExecutionActionOutcome> {
  const row = await deps.store.getRequest(requestId);
  if (!row) return { kind: "unknown_request" };
  const refusal = await refusalFor(deps, row, user);
  if (refusal) return refuse(deps, requestId, user, refusal);
  const actor: Actor = { type: "user", id: user };
  const moved = await deps.store.transitionRequest({ requestId, from: ["failed"], to: "approved", action: "retry_requested", actor, detail: AUDIT_DETAIL.retry_requested.parse({ by: user }) });
  if (!moved.moved) return refuse(deps, requestId, user, "not_pending");
  await afterTransition(deps, { requestId, to: "approved", version: moved.version });
  deps.log.info({ requestId, by: user }, "retry requested");
  return { kind: "done" };
}

/**
 * Mark refunded (C7): an approver other than the requester says the manual refund reached the
 * customer. The refund effect is recorded done by hand (who, and when: the audit row's time), which
 * adds the amount to the order's refunded total in the same statement, and manual_pending →
 * completed (`manual_refund_marked`). Two approvers clicking at once: the effect is recorded once,
 * the request moves once, and the second is told who marked it first.
 */
export async function markRefunded(deps: Deps, requestId: number, user: string): Promise<ExecutionActionOutcome> {
  const row = await deps.store.getRequest(requestId);
  if (!row) return { kind: "unknown_request" };
  const refusal = await refusalFor(deps, row, user);
  if (refusal) return refuse(deps, requestId, user, refusal);
  if (row.state !== "manual_pending") return alreadyMarked(deps, row, user);
  const actor: Actor = { type: "user", id: user };

  const refund = (await deps.store.listEffects(requestId)).find((effect) => effect.kind === "refund");
  if (refund?.status === "manual") {
    await deps.store.finishEffect({
      effectId: refund.id,
      kind: "refund",
      provider: refund.provider,
      reference: `manual:${requestId}:${user}`,
      alreadyDone: false,
      amount: refundParamsSchema.parse(refund.params).amount,
      asProvider: "manual",
      asVia: "manual",
      params: { by: user },
      actor,
    });
  }
  const moved = await deps.store.transitionRequest({ requestId, from: ["manual_pending"], to: "completed", action: "manual_refund_marked", actor, detail: AUDIT_DETAIL.manual_refund_marked.parse({ by: user }) });
  if (!moved.moved) return alreadyMarked(deps, row, user);
  if (!refund) {
    // A task from before every approved request was executed has no refund effect: its decision says how much, credited once (by the move).
    const decision = decisionSchema.safeParse(row.decision);
    if (decision.success && decision.data.refundAmount > 0) await deps.store.creditOrder(platformSchema.parse(row.platform), row.orderId, decision.data.refundAmount);
  }
  await afterTransition(deps, { requestId, to: "completed", version: moved.version });
  deps.log.info({ requestId, by: user }, "manual refund marked done");
  return { kind: "done" };
}

/** The request is not (or no longer) a manual task: who marked it refunded, when someone did; else the plain refusal. */
async function alreadyMarked(deps: Deps, row: RequestRow, user: string): Promise<ExecutionActionOutcome> {
  const marked = (await deps.store.auditTrail(row.id)).findLast((event) => event.action === "manual_refund_marked");
  if (!marked) return refuse(deps, row.id, user, "not_pending");
  await deps.store.recordAudit(row.id, { type: "user", id: user }, "approval_refused", AUDIT_DETAIL.approval_refused.parse({ user, why: "not_pending" }));
  return { kind: "already_marked", by: marked.actor, at: marked.at };
}
