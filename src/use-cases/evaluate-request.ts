import { firstLookAfterMs } from "../domain/approval-timer-plan";
import { platformSchema, type Order, type Platform } from "../domain/order";
import { refundRequestSchema, type RefundRequest } from "../domain/request";
import { ENGINE_VERSION, evaluate } from "../domain/policy";
import { routeDecision, type ApprovalPolicy } from "../domain/approval-policy";
import { routeBatchMember, type BatchFloors } from "../domain/batch-approval";
import type { Decision } from "../domain/decision";
import { requestStateSchema, type RequestState } from "../domain/request-state";
import { SYSTEM } from "../domain/actor";
import { floorsOf } from "../domain/batch-approval";
import { afterTransition } from "./after-transition";
import type { UseCaseMetrics } from "./ports/runtime";
import type { MemberMove, RequestRow } from "./ports/store";
import type { UseCaseDeps } from "./ports/use-case-deps";

export type EvaluateDeps = Pick<UseCaseDeps, "store" | "queues" | "orders" | "log" | "config" | "metrics">;

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
 * The order a request is decided on: from the order directory (the local store, or a platform's API),
 * with what the order's other requests hold of it and refunded lately (`order_claims`), this one
 * left out.
 */
export async function orderForDecision(services: Pick<EvaluateDeps, "store" | "orders" | "config">, platform: Platform, requestId: number, orderId: string): Promise<Order | null> {
  const order = await services.orders.get(platform, orderId);
  return order && { ...order, ...(await services.store.orderClaims(order, requestId, services.config.approvalPolicy.orderWindowMs)) };
}

/** What deciding a request records: its next state, the audit row, and the decision itself. */
export interface DecisionMove {
  to: RequestState;
  action: "decided" | "order_not_found";
  detail: Record<string, unknown>;
  set?: { decision: Decision; engineVersion: string; orderSnapshot: Order; approvalsRequired: number };
}

/**
 * The engine's decision on a stored request against its order, routed by the approval policy; a
 * member of a batch is routed with the batch total too (`routeBatchMember`). Pure: the caller
 * records it, one request (`transitionRequest`) or many (`decideMembers`) at a time.
 */
export function decisionMove(row: RequestRow, stored: Order | null, policy: ApprovalPolicy, floors: BatchFloors | null): DecisionMove {
  // A cancel request the customer filed through intake is what Q4/Q11 call "the customer has filed a cancel request".
  const order = stored && row.customerFiledCancel ? { ...stored, customerCancelRequested: true } : stored;
  if (!order) return { to: "rejected", action: "order_not_found", detail: { orderId: row.orderId } };
  return moveFor(order, evaluate(order, engineRequestOf(row)), policy, floors);
}

/** The move for a decision already made (`evaluateBatch` decides a slice of a batch at once). */
export function moveFor(order: Order, decision: Decision, policy: ApprovalPolicy, floors: BatchFloors | null): DecisionMove {
  // The thresholds see the order's other refunds too (`recentRefunds`, read with the order).
  const routing = floors ? routeBatchMember(decision, order.currency, policy, floors, order.recentRefunds) : routeDecision(decision, order.currency, policy, order.recentRefunds);
  return {
    to: routing.state,
    action: "decided",
    detail: {
      outcome: decision.outcome,
      route: decision.route ?? null,
      ruleIds: decision.ruleIds,
      engineVersion: ENGINE_VERSION,
      approvalsRequired: routing.approvalsRequired,
      because: routing.because,
    },
    set: { decision, engineVersion: ENGINE_VERSION, orderSnapshot: order, approvalsRequired: routing.approvalsRequired },
  };
}

/** The decisions metric, for a move that was recorded. */
export function countDecided(metrics: Pick<UseCaseMetrics, "requestsDecided">, move: { action: string; set?: { decision: Decision } }): void {
  const decision = move.set?.decision;
  metrics.requestsDecided.inc(decision ? { outcome: decision.outcome, route: decision.route ?? "none" } : { outcome: move.action, route: "none" });
}

/** `countDecided` for moves recorded many at a time: only those that moved now count (a second run finds them moved already). */
export function countMovedNow(metrics: Pick<UseCaseMetrics, "requestsDecided">, moves: readonly MemberMove[], moved: readonly { requestId: number }[]): void {
  const moveOf = new Map(moves.map((m) => [m.requestId, m]));
  for (const { requestId } of moved) {
    const move = moveOf.get(requestId)!;
    countDecided(metrics, { action: move.action, ...(move.decision ? { set: { decision: move.decision } } : {}) });
  }
}

/**
 * Decides a submitted request with the policy engine and records the decision. Idempotent: a
 * request that was decided already is left as it is, and only the (deduplicated) follow-up jobs are
 * queued again, in case the first run died before queueing them. A batch member usually is decided
 * with its slice (`evaluate-batch`); this path decides it when the sweeper re-queues it alone.
 */
export async function evaluateRequest({ store, queues, orders, log, config, metrics }: EvaluateDeps, requestId: number): Promise<void> {
  const row = await store.getRequest(requestId);
  if (!row) throw new RequestNotFoundError(`request ${requestId} does not exist`);
  if (row.state === "submitted") {
    const stored = await orderForDecision({ store, orders, config }, platformSchema.parse(row.platform), requestId, row.orderId);
    const batch = row.batchId ? await store.getBatch(row.batchId) : null;
    const move = decisionMove(row, stored, config.approvalPolicy, batch ? (floorsOf(batch) ?? {}) : null);
    const moved = await store.transitionRequest({
      requestId, from: ["submitted"], to: move.to, action: move.action, actor: SYSTEM, detail: move.detail, ...(move.set ? { set: move.set } : {}),
      approvalFirstLookMs: firstLookAfterMs(config.approvalPolicy.timers),
    });
    // Counted once per request: a second run (a retried job) finds it moved already.
    if (moved.moved) countDecided(metrics, move);
    log.info({ requestId, outcome: move.set?.decision.outcome ?? move.action, ruleIds: move.set?.decision.ruleIds, state: move.to, moved: moved.moved }, "request decided");
    if (moved.moved) {
      await afterTransition({ queues, store }, { requestId, to: move.to, version: moved.version, batchId: row.batchId });
      return;
    }
  }
  // Decided already (by another run, or a first run that died before this): queue what follows again, deduplicated.
  const current = row.state === "submitted" ? await store.getRequest(requestId) : row;
  if (current) await afterTransition({ queues, store }, { requestId, to: requestStateSchema.parse(current.state), version: current.version, batchId: current.batchId });
}
