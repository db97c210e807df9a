import type { Services } from "../app/services";
import { batchProgress, isDecided, type BatchProgress } from "../bulk/batch-progress";
import { moveBatch, recordBatchEvent, stateCounts, getBatch } from "../db/batches";
import { SYSTEM } from "../db/requests";
import { requestKindSchema } from "../domain/request";
import type { TimerStage } from "../queue/job-definitions";

/**
 * A batch is finished once every member is stored and has its decision. Idempotent: only the first
 * caller moves it (`running` → `finished`) and records it; the batch's approval timers are queued
 * with their deterministic ids either way, in case that first caller died before it.
 */
export async function finishBatchIfDecided(services: Pick<Services, "db" | "queues" | "config">, batchId: string): Promise<BatchProgress | null> {
  const { db, queues, config } = services;
  const batch = await getBatch(db, batchId);
  if (!batch || (batch.state !== "running" && batch.state !== "finished")) return null;
  const counts = await stateCounts(db, batchId);
  const progress = batchProgress(counts, batch.itemCount, requestKindSchema.parse(batch.kind));
  if (!isDecided(progress)) return progress;
  if (batch.state === "running" && (await moveBatch(db, batchId, "running", "finished"))) {
    await recordBatchEvent(db, batchId, SYSTEM, "finished", { counts });
  }
  if ((counts.awaiting_approval ?? 0) > 0) {
    const { remindAfterMs, escalateAfterMs, expireAfterMs } = config.approvalPolicy.timers;
    const elapsed = Date.now() - (batch.finishedAt ?? new Date()).getTime();
    const timers: [TimerStage, number][] = [["remind", remindAfterMs], ["escalate", escalateAfterMs], ["expire", expireAfterMs]];
    for (const [stage, delay] of timers) await queues.enqueue("batch-timer", { batchId, stage }, { delay: Math.max(0, delay - elapsed) });
  }
  return progress;
}
