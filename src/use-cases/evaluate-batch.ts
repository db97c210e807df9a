import { SYSTEM } from "../domain/actor";
import { floorsOf } from "../domain/batch-approval";
import type { MemberMove, RequestRow } from "./ports/store";
import type { UseCaseDeps } from "./ports/use-case-deps";
import { platformSchema, type Order } from "../domain/order";
import { evaluate, evaluateBatch } from "../domain/policy";
import type { Decision } from "../domain/decision";
import { requestStateSchema } from "../domain/request-state";
import { afterTransitions } from "./after-transition";
import { countMovedNow, engineRequestOf, moveFor, orderForDecision } from "./evaluate-request";
import { BatchNotFoundError } from "./file-batch";
import { finishBatchIfDecided } from "./finish-batch";

type Prepared = { row: RequestRow; order: Order; request: ReturnType<typeof engineRequestOf> };

/**
 * Decides a slice of a batch's members: their orders in one query, the engine over the slice
 * (`evaluateBatch`, Q2), the decisions and their audit rows in one statement. Each member gets
 * exactly what a single evaluation gives it (decision, engine version, routing with the batch
 * total), and a member that cannot be decided is refused on its own: one bad order never stops the
 * others. Idempotent: members decided already (by a first run, or alone by the sweeper) are left
 * as they are; only the follow-up jobs are queued again.
 */
export async function evaluateBatchSlice(services: UseCaseDeps, batchId: string, requestIds: readonly number[]): Promise<{ decided: number }> {
  const { store, config, log } = services;
  const batch = await store.getBatch(batchId);
  if (!batch) throw new BatchNotFoundError(`batch ${batchId} does not exist`);
  const floors = floorsOf(batch) ?? {};
  const members = await store.submittedMembers(batchId, requestIds, config.approvalPolicy.orderWindowMs);
  let decided = 0;
  if (members.length > 0) {
    const moves: MemberMove[] = [];
    const prepared: Prepared[] = [];
    for (const { row, order: storedOrder } of members) {
      try {
        // Not in the local store: ask the order directory, which may know more (a platform's API).
        const order = storedOrder() ?? (await orderForDecision(services, platformSchema.parse(row.platform), row.id, row.orderId));
        if (!order) moves.push({ requestId: row.id, to: "rejected", action: "order_not_found", detail: { orderId: row.orderId } });
        else prepared.push({ row, order: row.customerFiledCancel ? { ...order, customerCancelRequested: true } : order, request: engineRequestOf(row) });
      } catch (error) {
        moves.push(failed(row, error));
      }
    }
    const decisions = decide(prepared);
    prepared.forEach(({ row, order }, i) => {
      const decision = decisions[i]!;
      if (decision instanceof Error) return moves.push(failed(row, decision));
      const move = moveFor(order, decision, config.approvalPolicy, floors);
      moves.push({ requestId: row.id, to: move.to, action: "decided", detail: move.detail, ...move.set });
    });
    const moved = await store.decideMembers(moves, SYSTEM);
    countMovedNow(services.metrics, moves, moved);
    decided = moved.length;
    log.info({ batchId, slice: requestIds.length, decided }, "batch slice decided");
  }
  // Also for members decided before: a first run may have died before this.
  const current = await store.decidedMembers(batchId, requestIds);
  await afterTransitions(
    services,
    current.map((r) => ({ requestId: r.id, to: requestStateSchema.parse(r.state), version: r.version, ...(r.threadTs ? {} : { batchId }) })),
  );
  await finishBatchIfDecided(services, batchId);
  return { decided };
}

/** The engine over the slice at once; should it throw on one member, each is decided alone so that only that one fails. */
function decide(prepared: readonly Prepared[]): (Decision | Error)[] {
  try {
    return evaluateBatch(prepared.map(({ order, request }) => ({ order, request }))).map((r) => r.decision);
  } catch {
    return prepared.map(({ order, request }) => {
      try {
        return evaluate(order, request);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
  }
}

function failed(row: RequestRow, error: unknown): MemberMove {
  const message = error instanceof Error ? error.message : String(error);
  return { requestId: row.id, to: "rejected", action: "evaluation_failed", detail: { message: message.slice(0, 500) } };
}
