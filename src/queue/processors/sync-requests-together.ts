import type { Services } from "../../app/services";
import type { SyncChange } from "../job-definitions";
import type { Processor } from "../processor";
import { tryLocks } from "../redis-lock";
import { SYNC_LOCK_MS, syncLockKey } from "./sync-request";

/**
 * Projects many requests onto Slack side by side, each under the lock a `sync-request` takes. A
 * request whose lock is busy, or whose projection fails (Slack down, rate limited, a refusal), is
 * handed to a `sync-request` of its own with the same change: that job waits, retries and fails
 * as a single sync does, and the others here are not redone for its sake.
 */
/**
 * Requests projected at once by one job: enough to keep Slack calls in flight, few enough that the
 * worker's memory stays flat when many such jobs run (each request has three calls in flight).
 */
const SIDE_BY_SIDE = 8;

/** Runs `fn` on every item, at most `limit` at a time. */
async function eachAtMost<T>(limit: number, items: readonly T[], fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export function syncRequestsTogetherProcessor(services: Services): Processor<"sync-requests"> {
  return async ({ changes }, context) => {
    const handedOver: SyncChange[] = [];
    // Taken and given back all at once: one round trip each.
    const locks = await tryLocks(services.redis, changes.map((c) => ({ key: syncLockKey(services, c.requestId), owner: `${context.job.id}:${c.requestId}` })), SYNC_LOCK_MS);
    try {
      await eachAtMost(SIDE_BY_SIDE, changes, async (change, i) => {
        if (!locks.held[i]) return void handedOver.push(change);
        try {
          await services.slackJobs.projectRequest(change.requestId, context);
        } catch (error) {
          context.log.warn({ requestId: change.requestId, err: error }, "request not synced with its chunk: syncing it alone");
          handedOver.push(change);
        }
      });
    } finally {
      await locks.release();
    }
    if (handedOver.length > 0) await services.queues.enqueueJobs(handedOver.map((data) => ({ name: "sync-request" as const, data })));
  };
}
