import type { Services } from "../../app/services";
import { finishBatchIfDecided } from "../../use-cases/finish-batch";
import type { Processor } from "../processor";
import { tryLock } from "../redis-lock";

/** Long enough for the summary and the CSV upload; if a worker dies holding it, the next sync waits this long at most. */
const LOCK_MS = 60_000;

/** Projects a batch onto Slack. One sync per batch at a time: a second one waits, then renders what is current. */
export function syncBatchProcessor(services: Services): Processor<"sync-batch"> {
  return async ({ batchId }, context) => {
    const lock = await tryLock(services.redis, `${services.config.queuePrefix}:lock:sync-batch:${batchId}`, LOCK_MS);
    if (!lock) return context.retryLater(250);
    try {
      // A batch whose last member was just decided is finished before it is shown.
      await finishBatchIfDecided(services, batchId);
      await services.slackJobs.projectBatch(batchId, context);
    } finally {
      await lock.release();
    }
  };
}
