import type { Services } from "../../app/services";
import { findStaleSubmitted } from "../../db/requests";
import type { Processor } from "../processor";

/** A request older than this still in `submitted` has lost its evaluate job (e.g. a crash right after filing). */
export const STALE_AFTER_MS = 30_000;

export function sweepStaleRequestsProcessor(services: Services): Processor<"sweep-stale-requests"> {
  return async (_data, { log }) => {
    const stale = await findStaleSubmitted(services.db, new Date(services.now().getTime() - STALE_AFTER_MS));
    for (const { id } of stale) await services.queues.enqueueOrRetry("evaluate-request", { requestId: id });
    if (stale.length > 0) log.warn({ count: stale.length, requestIds: stale.slice(0, 50).map((r) => r.id) }, "re-queued requests whose evaluation was lost");
  };
}
