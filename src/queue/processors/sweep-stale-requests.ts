import type { Services } from "../../app/services";
import { findStaleSubmitted } from "../../db/requests";
import { findPendingApprovals, findProjectionsBehind } from "../../db/sweep-queries";
import { JOBS, type TimerStage } from "../job-definitions";
import type { Processor } from "../processor";

/** The default of STALE_REQUEST_AFTER_MS: a request older than this still in `submitted` has lost its evaluate job. */
export const STALE_AFTER_MS = 30_000;

type Deps = Pick<Services, "db" | "queues" | "config" | "now">;

/**
 * Postgres is the source of truth and Redis may lose everything (a restart without persistence):
 * this sweep rebuilds from the database whatever request work a lost job would have done. Every
 * enqueue uses the job's deterministic id, so a job that is merely slow is not doubled.
 */
export async function sweepStaleRequests(services: Deps): Promise<{ evaluations: number[]; syncs: number[]; timers: number[] }> {
  const olderThan = new Date(services.now().getTime() - services.config.sweeps.staleAfterMs);
  // 1. Filed but never decided: the evaluate job was lost (e.g. a crash right after filing).
  const stale = await findStaleSubmitted(services.db, olderThan);
  for (const { id } of stale) await services.queues.enqueueOrRetry("evaluate-request", { requestId: id });
  // 2. Slack behind the database: the sync of the current version was lost or gave up.
  const behind = await findProjectionsBehind(services.db, olderThan);
  for (const { id, version } of behind) await services.queues.enqueueOrRetry("sync-request", { requestId: id, change: `v${version}` });
  // 3. Pending approvals without their reminder, escalation and expiry timers (delayed jobs Redis lost).
  const timers = await restoreApprovalTimers(services);
  return { evaluations: stale.map((r) => r.id), syncs: behind.map((r) => r.id), timers };
}

async function restoreApprovalTimers(services: Deps): Promise<number[]> {
  const queue = services.queues.queues.requests;
  const { remindAfterMs, escalateAfterMs, expireAfterMs } = services.config.approvalPolicy.timers;
  const stages: [TimerStage, number][] = [["remind", remindAfterMs], ["escalate", escalateAfterMs], ["expire", expireAfterMs]];
  const restored = new Set<number>();
  for (const { id, since } of await findPendingApprovals(services.db)) {
    for (const [stage, afterMs] of stages) {
      const jobId = JOBS["approval-timer"].options({ requestId: id, stage }).jobId!;
      // Any job with that id (delayed, or already run: a timer does nothing twice) means it is not lost.
      if (await queue.getJob(jobId)) continue;
      const delay = Math.max(0, since.getTime() + afterMs - services.now().getTime());
      await services.queues.enqueue("approval-timer", { requestId: id, stage }, { delay });
      restored.add(id);
    }
  }
  return [...restored];
}

export function sweepStaleRequestsProcessor(services: Services): Processor<"sweep-stale-requests"> {
  return async (_data, { log }) => {
    const { evaluations, syncs, timers } = await sweepStaleRequests(services);
    if (evaluations.length > 0) log.warn({ count: evaluations.length, requestIds: evaluations.slice(0, 50) }, "re-queued requests whose evaluation was lost");
    if (syncs.length > 0) log.warn({ count: syncs.length, requestIds: syncs.slice(0, 50) }, "re-queued Slack syncs of requests whose messages were behind");
    if (timers.length > 0) log.warn({ count: timers.length, requestIds: timers.slice(0, 50) }, "re-created lost approval timers");
  };
}
