import { platformSchema } from "../domain/order";
import { refundRequestSchema, type RefundRequest } from "../domain/request";
import { ENGINE_VERSION, evaluate } from "../domain/policy";
import { routeDecision } from "../domain/approval-policy";
import { requestStateSchema } from "../domain/request-state";
import type { Config } from "../config/env";
import { afterTransition } from "./after-transition";
import { getRequest, SYSTEM, transitionRequest, type RequestRow } from "../db/requests";
import type { Db } from "../db/client";
import type { JobQueues } from "../queue/job-queues";
import type { OrderDirectory } from "../orders/order-directory";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";

export interface EvaluateDeps {
  db: Db;
  queues: JobQueues;
  orders: OrderDirectory;
  log: Logger;
  config: Config;
  metrics: Pick<Metrics, "requestsDecided">;
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
export async function evaluateRequest({ db, queues, orders, log, config, metrics }: EvaluateDeps, requestId: number): Promise<void> {
  const row = await getRequest(db, requestId);
  if (!row) throw new RequestNotFoundError(`request ${requestId} does not exist`);
  if (row.state === "submitted") {
    const stored = await orders.get(platformSchema.parse(row.platform), row.orderId);
    // A cancel request the customer filed through intake is what Q4/Q11 call "the customer has filed a cancel request".
    const order = stored && row.customerFiledCancel ? { ...stored, customerCancelRequested: true } : stored;
    if (!order) {
      const moved = await transitionRequest(db, { requestId, from: ["submitted"], to: "rejected", action: "order_not_found", actor: SYSTEM, detail: { orderId: row.orderId } });
      if (moved.moved) metrics.requestsDecided.inc({ outcome: "order_not_found", route: "none" });
      log.info({ requestId, moved: moved.moved }, "request rejected: its order is not in the order store");
    } else {
      const decision = evaluate(order, engineRequestOf(row));
      const routing = routeDecision(decision, order.currency, config.approvalPolicy);
      const moved = await transitionRequest(db, {
        requestId,
        from: ["submitted"],
        to: routing.state,
        action: "decided",
        actor: SYSTEM,
        detail: {
          outcome: decision.outcome,
          route: decision.route ?? null,
          ruleIds: decision.ruleIds,
          engineVersion: ENGINE_VERSION,
          approvalsRequired: routing.approvalsRequired,
          because: routing.because,
        },
        set: { decision, engineVersion: ENGINE_VERSION, orderSnapshot: order, approvalsRequired: routing.approvalsRequired },
      });
      // Counted once per request: a second run (a retried job) finds it moved already.
      if (moved.moved) metrics.requestsDecided.inc({ outcome: decision.outcome, route: decision.route ?? "none" });
      log.info({ requestId, outcome: decision.outcome, ruleIds: decision.ruleIds, state: routing.state, moved: moved.moved }, "request decided");
    }
  }
  // Also when the request was decided already: a first run may have died before this.
  const current = await getRequest(db, requestId);
  if (current) await afterTransition({ queues, config }, { requestId, to: requestStateSchema.parse(current.state), version: current.version });
}
