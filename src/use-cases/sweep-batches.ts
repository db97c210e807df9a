import type { UseCaseDeps } from "./ports/use-case-deps";

/** A draft nobody confirmed within this long is forgotten. */
export const DRAFT_TTL_MS = 24 * 3_600_000;

/**
 * Batches whose jobs were lost (Redis restarted, a job failed for good): a batch still `filing` is
 * filed again (which files nothing twice), a `running` one is synced (which finishes it once every
 * member is decided; members stuck in `submitted` are re-queued one by one by sweep-stale-requests).
 * Drafts older than a day are deleted: they have no members and no trail.
 */
export async function sweepBatches(deps: Pick<UseCaseDeps, "store" | "queues" | "now">, staleAfterMs: number): Promise<{ swept: string[]; forgotten: number }> {
  const now = deps.now().getTime();
  const stale = await deps.store.unfinishedBatches(new Date(now - staleAfterMs));
  for (const { id, state } of stale) {
    if (state === "filing") await deps.queues.enqueueOrRetry("file-batch", { batchId: id });
    else await deps.queues.enqueue("sync-batch", { batchId: id });
  }
  const forgotten = await deps.store.forgetDraftBatches(new Date(now - DRAFT_TTL_MS));
  return { swept: stale.map((b) => b.id), forgotten };
}
