import { platformSchema } from "../domain/order";
import { refundRequestSchema, type RefundRequest } from "../domain/request";
import { ENGINE_VERSION, evaluate } from "../domain/policy";
import { stateAfterDecision } from "../domain/request-state";
import { getRequest, SYSTEM, transitionRequest, type RequestRow } from "../db/requests";
import type { Db } from "../db/client";
import type { JobQueues } from "../queue/job-queues";
import type { OrderDirectory } from "../orders/order-directory";
import type { Logger } from "../observability/logger";

export interface EvaluateDeps {
  db: Db;
  queues: JobQueues;
  orders: OrderDirectory;
  log: Logger;
}

/** A stored request, in the engine's vocabulary. */
export function engineRequestOf(row: RequestRow): RefundRequest {
  return refundRequestSchema.parse({
    kind: row.kind,
    initiator: row.initiator,
    reason: row.reason,
    ...(row.amount !== null ? { amount: row.amount } : {}),
    notifyCustomer: row.notifyCustomer,
    flagCustomer: row.flagCustomer,
    returnReceived: row.returnReceived,
    requestedAt: row.requestedAt.toISOString(),
  });
}

export class RequestNotFoundError extends Error {}

/**
 * Decides a submitted request with the policy engine and records the decision. Idempotent: a
 * request that was decided already is left as it is, and only the (deduplicated) follow-up jobs are
 * queued again, in case the first run died before queueing them.
 */
export async function evaluateRequest({ db, queues, orders, log }: EvaluateDeps, requestId: number): Promise<void> {
  const row = await getRequest(db, requestId);
  if (!row) throw new RequestNotFoundError(`request ${requestId} does not exist`);
  if (row.state === "submitted") {
    const stored = await orders.get(platformSchema.parse(row.platform), row.orderId);
    // A cancel request the customer filed through intake is what Q4/Q11 call "the customer has filed a cancel request".
    const order = stored && row.customerFiledCancel ? { ...stored, customerCancelRequested: true } : stored;
    if (!order) {
      await transitionRequest(db, { requestId, from: ["submitted"], to: "rejected", action: "order_not_found", actor: SYSTEM, detail: { orderId: row.orderId } });
    } else {
      const decision = evaluate(order, engineRequestOf(row));
      const to = stateAfterDecision(decision);
      const moved = await transitionRequest(db, {
        requestId,
        from: ["submitted"],
        to,
        action: "decided",
        actor: SYSTEM,
        detail: { outcome: decision.outcome, route: decision.route ?? null, ruleIds: decision.ruleIds, engineVersion: ENGINE_VERSION },
        set: { decision, engineVersion: ENGINE_VERSION, orderSnapshot: order },
      });
      log.info({ requestId, outcome: decision.outcome, ruleIds: decision.ruleIds, moved: moved.moved }, "request decided");
    }
  }
  await queues.enqueue("publish-request-message", { requestId });
}
