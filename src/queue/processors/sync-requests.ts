import type { Services } from "../../app/services";
import { projectRequest } from "../../slack/project-request";
import type { SyncChange } from "../job-definitions";
import type { Processor } from "../processor";
import { tryLock } from "../redis-lock";
import { callSlack } from "./call-slack";
import { SYNC_LOCK_MS, syncLockKey } from "./sync-request";

/**
 * Projects many requests onto Slack side by side, each under the lock a `sync-request` takes. A
 * request whose lock is busy, or whose projection fails (Slack down, rate limited, a refusal), is
 * handed to a `sync-request` of its own with the same change: that job waits, retries and fails
 * as a single sync does, and the others here are not redone for its sake.
 */
export function syncRequestsProcessor(services: Services): Processor<"sync-requests"> {
  return async ({ changes }, context) => {
    const handedOver: SyncChange[] = [];
    await Promise.all(
      changes.map(async (change) => {
        const lock = await tryLock(services.redis, syncLockKey(services, change.requestId), SYNC_LOCK_MS, `${context.job.id}:${change.requestId}`);
        if (!lock) return void handedOver.push(change);
        try {
          await projectRequest(services, change.requestId, (fn) => callSlack(context, fn));
        } catch (error) {
          context.log.warn({ requestId: change.requestId, err: error }, "request not synced with its chunk: syncing it alone");
          handedOver.push(change);
        } finally {
          await lock.release();
        }
      }),
    );
    if (handedOver.length > 0) await services.queues.enqueueJobs(handedOver.map((data) => ({ name: "sync-request" as const, data })));
  };
}
