import type { Services } from "../../app/services";
import { sweepStaleRequests } from "../../use-cases/sweep-stale-requests";
import type { Processor } from "../processor";

export function sweepStaleRequestsProcessor(services: Services): Processor<"sweep-stale-requests"> {
  return async (_data, { log }) => {
    const { evaluations, syncs } = await sweepStaleRequests(services, services.config.sweeps.staleAfterMs);
    if (evaluations.length > 0) log.warn({ count: evaluations.length, requestIds: evaluations.slice(0, 50) }, "re-queued requests whose evaluation was lost");
    if (syncs.length > 0) log.warn({ count: syncs.length, requestIds: syncs.slice(0, 50) }, "re-queued Slack syncs of requests whose messages were behind");
  };
}
