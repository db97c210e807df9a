import type { Services } from "../../app/services";
import type { Processor } from "../processor";

/**
 * Jobs queued by an earlier version, which confirmed a filing in a job of its own: the request's
 * sync now does it (once, by its ledger key), so a left-over job queues that sync.
 */
export function confirmRequestFiledProcessor(services: Services): Processor<"confirm-request-filed"> {
  return async ({ requestId }) => {
    await services.queues.enqueue("sync-request", { requestId, change: "confirm" });
  };
}
