import type { Services } from "../../app/services";
import { findStaleSubmitted } from "../../db/requests";
import { findProjectionsBehind } from "../../db/sweep-queries";
import type { Processor } from "../processor";

/** The default of STALE_REQUEST_AFTER_MS: a request older than this still in `submitted` has lost its evaluate job. */
export const STALE_AFTER_MS = 30_000;

type Deps = Pick<Services, "db" | "queues" | "config" | "now">;

/**
 * Postgres is the source of truth and Redis may lose everything (a restart without persistence):
 * this sweep rebuilds from the database whatever request work a lost job would have done. Every
 * enqueue uses the job's deterministic id, so a job that is merely slow is not doubled.
 */
export async function sweepStaleRequests(services: Deps): Promise<{ evaluations: number[]; syncs: number[] }> {
  const olderThan = new Date(services.now().getTime() - services.config.sweeps.staleAfterMs);
  // 1. Filed but never decided: the evaluate job was lost (e.g. a crash right after filing).
  const stale = await findStaleSubmitted(services.db, olderThan);
  for (const { id } of stale) await services.queues.enqueueOrRetry("evaluate-request", { requestId: id });
  // 2. Slack behind the database: the sync of the current version was lost or gave up.
  const behind = await findProjectionsBehind(services.db, olderThan);
  for (const { id, version } of behind) await services.queues.enqueueOrRetry("sync-request", { requestId: id, change: `v${version}` });
  // (Approval timers need no sweep: they live in Postgres, see queue-due-approval-timers.)
  return { evaluations: stale.map((r) => r.id), syncs: behind.map((r) => r.id) };
}

export function sweepStaleRequestsProcessor(services: Services): Processor<"sweep-stale-requests"> {
  return async (_data, { log }) => {
    const { evaluations, syncs } = await sweepStaleRequests(services);
    if (evaluations.length > 0) log.warn({ count: evaluations.length, requestIds: evaluations.slice(0, 50) }, "re-queued requests whose evaluation was lost");
    if (syncs.length > 0) log.warn({ count: syncs.length, requestIds: syncs.slice(0, 50) }, "re-queued Slack syncs of requests whose messages were behind");
  };
}
