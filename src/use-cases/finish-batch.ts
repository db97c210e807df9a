import { SYSTEM } from "../domain/actor";
import type { UseCaseDeps } from "./ports/use-case-deps";
import { batchProgress, isDecided, type BatchProgress } from "../domain/bulk/batch-progress";
import { requestKindSchema } from "../domain/request";
import type { TimerStage } from "./ports/jobs";

/**
 * A batch is finished once every member is stored and has its decision. Idempotent: only the first
 * caller moves it (`running` → `finished`) and records it; the batch's approval timers are queued
 * with their deterministic ids either way, in case that first caller died before it.
 */
export async function finishBatchIfDecided(services: Pick<UseCaseDeps, "store" | "queues" | "config">, batchId: string): Promise<BatchProgress | null> {
  const { store, queues, config } = services;
  const batch = await store.getBatch(batchId);
  if (!batch || (batch.state !== "running" && batch.state !== "finished")) return null;
  const counts = await store.stateCounts(batchId);
  const progress = batchProgress(counts, batch.itemCount, requestKindSchema.parse(batch.kind));
  if (!isDecided(progress)) return progress;
  if (batch.state === "running" && (await store.moveBatch(batchId, "running", "finished"))) {
    await store.recordBatchEvent(batchId, SYSTEM, "finished", { counts });
  }
  if ((counts.awaiting_approval ?? 0) > 0) {
    const { remindAfterMs, escalateAfterMs, expireAfterMs } = config.approvalPolicy.timers;
    const elapsed = Date.now() - (batch.finishedAt ?? new Date()).getTime();
    const timers: [TimerStage, number][] = [["remind", remindAfterMs], ["escalate", escalateAfterMs], ["expire", expireAfterMs]];
    for (const [stage, delay] of timers) await queues.enqueue("batch-timer", { batchId, stage }, { delay: Math.max(0, delay - elapsed) });
  }
  return progress;
}
