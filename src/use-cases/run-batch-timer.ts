import { SYSTEM } from "../domain/actor";
import { afterTransitions } from "./after-transition";
import type { TimerStage } from "./ports/jobs";
import type { TimerNotices } from "./ports/timer-notices";
import type { UseCaseDeps } from "./ports/use-case-deps";

type Deps = Pick<UseCaseDeps, "store" | "queues" | "approvers" | "config">;

/**
 * A batch's approval timers, one set per batch (not one per member): remind the approvers in the
 * batch approval message's thread, escalate to the fallback approver or channel, then expire every
 * member still waiting, each with its own audit row. The one who filed it is told at each step,
 * once. Nothing happens once no member waits.
 */
export async function runBatchTimer(deps: Deps, batchId: string, stage: TimerStage, notices: TimerNotices): Promise<void> {
  const { store, config } = deps;
  const batch = await store.getBatch(batchId);
  if (!batch) return;
  const pending = await store.pendingSummary(batchId);
  if (pending.count === 0) return;
  const { timers, fallbackApprover, escalationChannel } = config.approvalPolicy;

  if (stage === "remind") {
    const answered = new Set((await store.batchEvents(batchId)).filter((e) => e.action === "approved_all").map((e) => e.actor));
    const approvers = (await deps.approvers.list()).filter((id) => id !== batch.createdBy && !answered.has(id));
    await store.recordBatchEventOnce(batchId, SYSTEM, "reminder_sent", { to: approvers, pending: pending.count });
    await notices.remindBatchApprovers(batch, approvers, pending.count);
    await notices.tellBatchFiler(batch, stage, pending.count);
  } else if (stage === "escalate") {
    const to = fallbackApprover ?? escalationChannel;
    if (!to) return;
    await store.recordBatchEventOnce(batchId, SYSTEM, "escalated", { to, pending: pending.count });
    await notices.escalateBatch(batch, to, pending.count);
    await notices.tellBatchFiler(batch, stage, pending.count);
  } else {
    const moved = await store.expirePendingMembers(batchId, timers.expireAfterMs, SYSTEM);
    await store.recordBatchEventOnce(batchId, SYSTEM, "expired", { count: moved.length, afterMs: timers.expireAfterMs });
    await afterTransitions(deps, moved.map((m) => ({ ...m, batchId })));
    await notices.tellBatchFiler(batch, stage, moved.length);
  }
  await deps.queues.enqueue("sync-batch", { batchId });
}
