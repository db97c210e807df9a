import { SYSTEM } from "../domain/actor";
import type { DecidedRef, MemberMove, MovedMember, SubmittedWithOrder } from "./ports/store";
import type { UseCaseDeps } from "./ports/use-case-deps";
import { firstLookAfterMs } from "../domain/approval-timer-plan";
import { platformSchema, type Order } from "../domain/order";
import { requestStateSchema } from "../domain/request-state";
import { afterTransitions } from "./after-transition";
import { countMovedNow, decisionMove, orderForDecision } from "./evaluate-request";

type Deps = Pick<UseCaseDeps, "store" | "queues" | "orders" | "config" | "metrics" | "log">;

/**
 * Decides requests filed on their own, many at once: the requests and their stored orders in one
 * query, the engine on each, the decisions and their audit rows in one statement, what follows
 * queued in one round trip per queue. Each request gets exactly what `evaluateRequest` gives it. A
 * request whose order lookup or evaluation throws is left in `submitted` and handed to an
 * `evaluate-request` job of its own, with that job's retries: one bad order never holds up the
 * others, and a platform that is down for a moment rejects nobody. Idempotent: requests decided
 * already (by a first run, by the sweeper) are left as they are; only what follows them is queued
 * again, deduplicated.
 */
export async function evaluateRequestsTogether(services: Deps, requestIds: readonly number[]): Promise<{ decided: number }> {
  const submitted = await services.store.submittedAmongWithOrders(requestIds, services.config.approvalPolicy.orderWindowMs);
  const moved = submitted.length > 0 ? await decide(services, submitted) : [];
  // When this run moved every one of them, what they are now is known; otherwise some were decided
  // before (a first run may have died before queueing what follows) and are read again.
  const current = moved.length === new Set(requestIds).size ? currentOf(submitted, moved) : await services.store.decidedAmong(requestIds);
  await afterTransitions(
    services,
    // A batch member with a message of its own (none here, unless ids were passed by hand) is looked up by afterTransitions.
    current.map((r) => ({ requestId: r.id, to: requestStateSchema.parse(r.state), version: r.version, ...(r.batchId && r.threadTs ? {} : { batchId: r.batchId }) })),
  );
  return { decided: moved.length };
}

/** What decidedAmong would read for requests this run just moved, in its order (by id). */
function currentOf(submitted: readonly SubmittedWithOrder[], moved: readonly MovedMember[]): DecidedRef[] {
  const rowOf = new Map(submitted.map(({ row }) => [row.id, row]));
  return moved
    .map(({ requestId, to, version }) => ({ id: requestId, state: to, version, batchId: rowOf.get(requestId)!.batchId, threadTs: rowOf.get(requestId)!.threadTs }))
    .sort((a, b) => a.id - b.id);
}

async function decide(services: Deps, submitted: readonly SubmittedWithOrder[]): Promise<MovedMember[]> {
  const { config, log } = services;
  const moves: MemberMove[] = [];
  const alone: number[] = [];
  for (const { row, order: storedOrder } of submitted) {
    try {
      const platform = platformSchema.parse(row.platform);
      // Not in the local store: ask the order directory, which may know more (a platform's API), and what the order's other requests hold of it.
      const order: Order | null = storedOrder() ?? (await orderForDecision(services, platform, row.id, row.orderId));
      const move = decisionMove(row, order, config.approvalPolicy, null);
      moves.push({ requestId: row.id, to: move.to, action: move.action, detail: move.detail, ...move.set });
    } catch (error) {
      log.warn({ requestId: row.id, err: error }, "request not decided with the others: deciding it alone");
      alone.push(row.id);
    }
  }
  const moved = await services.store.decideMembers(moves, SYSTEM, firstLookAfterMs(config.approvalPolicy.timers));
  countMovedNow(services.metrics, moves, moved);
  const moveOf = new Map(moves.map((m) => [m.requestId, m]));
  for (const { requestId, to } of moved) {
    const { action, decision } = moveOf.get(requestId)!;
    log.info({ requestId, outcome: decision?.outcome ?? action, ruleIds: decision?.ruleIds, state: to }, "request decided");
  }
  if (alone.length > 0) await services.queues.enqueueMany("evaluate-request", alone.map((requestId) => ({ requestId })));
  return moved;
}
