import type { Services } from "../../app/services";
import type { Processor } from "../processor";
import { tryLock } from "../redis-lock";

/** Long enough for a few Slack calls; if a worker dies holding it, the next sync waits this long at most. */
export const SYNC_LOCK_MS = 30_000;

export function syncLockKey(services: Pick<Services, "config">, requestId: number): string {
  return `${services.config.queuePrefix}:lock:sync:${requestId}`;
}

/**
 * Projects a request onto Slack. One sync per request at a time: a second one (a newer state)
 * waits for the first and then renders what is current.
 */
export function syncRequestProcessor(services: Services): Processor<"sync-request"> {
  return async ({ requestId }, context) => {
    const lock = await tryLock(services.redis, syncLockKey(services, requestId), SYNC_LOCK_MS, context.job.id);
    if (!lock) return context.retryLater(250);
    try {
      await services.slackJobs.projectRequest(requestId, context);
    } finally {
      await lock.release();
    }
  };
}
