import type { Services } from "../../app/services";
import { unfinishedBatches } from "../../db/batches";
import type { Processor } from "../processor";

/** A draft nobody confirmed within this long is forgotten. */
export const DRAFT_TTL_MS = 24 * 3_600_000;

/**
 * Batches whose jobs were lost (Redis restarted, a job failed for good): a batch still `filing` is
 * filed again (which files nothing twice), a `running` one is synced (which finishes it once every
 * member is decided; members stuck in `submitted` are re-queued one by one by sweep-stale-requests).
 * Drafts older than a day are deleted: they have no members and no trail.
 */
export function sweepBatchesProcessor(services: Services): Processor<"sweep-batches"> {
  return async (_data, { log }) => {
    const now = services.now().getTime();
    const stale = await unfinishedBatches(services.db, new Date(now - services.config.sweeps.staleAfterMs));
    for (const { id, state } of stale) {
      if (state === "filing") await services.queues.enqueueOrRetry("file-batch", { batchId: id });
      else await services.queues.enqueue("sync-batch", { batchId: id });
    }
    if (stale.length > 0) log.info({ batches: stale.map((b) => b.id) }, "swept unfinished batches");
    const { count } = await services.db.batch.deleteMany({ where: { state: "draft", createdAt: { lt: new Date(now - DRAFT_TTL_MS) } } });
    if (count > 0) log.info({ count }, "forgot unconfirmed bulk drafts");
  };
}
