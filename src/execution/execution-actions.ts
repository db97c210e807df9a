import type { Services } from "../app/services";
import { finishEffect, listEffects } from "../db/effects";
import { findOrder } from "../db/orders";
import { getRequest, recordAudit, transitionRequest, type Actor } from "../db/requests";
import { AUDIT_DETAIL } from "../domain/audit-actions";
import { decisionSchema } from "../domain/decision";
import { paymentIdOf, refundParamsSchema } from "../domain/execution-plan";
import { platformSchema } from "../domain/order";
import { isProviderError } from "../providers/ports";
import { afterTransition } from "../use-cases/after-transition";

export type ExecutionActionOutcome = "done" | "not_an_approver" | "not_pending" | "unknown_request";

type Deps = Pick<Services, "db" | "queues" | "config" | "approvers" | "providers" | "log">;

async function refuse(deps: Deps, requestId: number, user: string, why: "not_an_approver" | "not_pending"): Promise<ExecutionActionOutcome> {
  await recordAudit(deps.db, requestId, { type: "user", id: user }, "approval_refused", AUDIT_DETAIL.approval_refused.parse({ user, why }));
  return why;
}

/**
 * Retry (Q13): an approver asks for a failed request to be carried out again. failed → approved
 * (`retry_requested`), which queues a new execution; effects already done are skipped and a refund
 * that may have happened is reconciled first. Anyone else is refused and the refusal audited.
 */
export async function retryExecution(deps: Deps, requestId: number, user: string): Promise<ExecutionActionOutcome> {
  const row = await getRequest(deps.db, requestId);
  if (!row) return "unknown_request";
  if (!(await deps.approvers.isApprover(user))) return refuse(deps, requestId, user, "not_an_approver");
  const actor: Actor = { type: "user", id: user };
  const moved = await transitionRequest(deps.db, { requestId, from: ["failed"], to: "approved", action: "retry_requested", actor, detail: AUDIT_DETAIL.retry_requested.parse({ by: user }) });
  if (!moved.moved) return refuse(deps, requestId, user, "not_pending");
  await afterTransition(deps, { requestId, to: "approved", version: moved.version });
  deps.log.info({ requestId, by: user }, "retry requested");
  return "done";
}

/**
 * Mark refunded (C7): an approver says the manual refund reached the customer. The refund effect
 * is recorded done by hand (who, and when: the audit row's time), the local order store adds the
 * amount to the order's refunds when it holds the order, and manual_pending → completed
 * (`manual_refund_marked`).
 */
export async function markRefunded(deps: Deps, requestId: number, user: string): Promise<ExecutionActionOutcome> {
  const row = await getRequest(deps.db, requestId);
  if (!row) return "unknown_request";
  if (!(await deps.approvers.isApprover(user))) return refuse(deps, requestId, user, "not_an_approver");
  if (row.state !== "manual_pending") return refuse(deps, requestId, user, "not_pending");
  const actor: Actor = { type: "user", id: user };

  const refund = (await listEffects(deps.db, requestId)).find((effect) => effect.kind === "refund" && effect.status === "manual");
  // Approved straight into a manual task there is no refund effect: the decision says how much.
  const decision = decisionSchema.safeParse(row.decision);
  const amount = refund ? refundParamsSchema.parse(refund.params).amount : decision.success ? decision.data.refundAmount : 0;
  const platform = platformSchema.parse(row.platform);
  const order = amount > 0 ? await findOrder(deps.db, platform, row.orderId) : null;
  if (order) {
    // The local order store follows the money, as it does for its own refunds (once per request).
    await deps.providers
      .localGateway(platform)
      .refund({ transactionId: paymentIdOf(order), orderId: row.orderId, amount, currency: row.currency, full: false, idempotencyKey: `${requestId}:manual_refund` })
      .catch((error: unknown) => {
        if (!isProviderError(error)) throw error;
        deps.log.warn({ requestId, code: error.code }, "manual refund not added to the local order store");
      });
  }
  if (refund) {
    await finishEffect(deps.db, {
      effectId: refund.id,
      kind: "refund",
      provider: refund.provider,
      reference: `manual:${requestId}:${user}`,
      alreadyDone: false,
      amount,
      asProvider: "manual",
      asVia: "manual",
      params: { by: user },
      actor,
    });
  }
  const moved = await transitionRequest(deps.db, { requestId, from: ["manual_pending"], to: "completed", action: "manual_refund_marked", actor, detail: AUDIT_DETAIL.manual_refund_marked.parse({ by: user }) });
  if (!moved.moved) return refuse(deps, requestId, user, "not_pending");
  await afterTransition(deps, { requestId, to: "completed", version: moved.version });
  deps.log.info({ requestId, by: user }, "manual refund marked done");
  return "done";
}
