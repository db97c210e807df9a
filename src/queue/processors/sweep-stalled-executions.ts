import type { Services } from "../../app/services";
import { findStalledExecutions } from "../../db/effects";
import { RequestLock } from "../../db/request-lock";
import { executeJobId } from "../job-definitions";
import type { Processor } from "../processor";

/** The default of STALLED_EXECUTION_AFTER_MS: an approved or executing request untouched for this long may have lost its job. */
export const STALLED_AFTER_MS = 120_000;

/**
 * Finds approved or executing requests that nothing is carrying out, and queues their execution
 * again: those whose job was lost (queueing failed after the approval), failed for good without
 * reaching the request (a worker killed on its last attempt), or died with its worker. A request
 * with an execute job waiting or delayed (a retry in its backoff) is left to it, and one whose
 * execution lock is held is being executed right now.
 */
export async function sweepStalledExecutions(services: Pick<Services, "db" | "queues" | "config" | "now" | "log">, stalledAfterMs = services.config.sweeps.stalledAfterMs): Promise<number[]> {
  const stalled = await findStalledExecutions(services.db, new Date(services.now().getTime() - stalledAfterMs));
  if (stalled.length === 0) return [];
  const queue = services.queues.queues.execution;
  const queued = await queue.getJobs(["waiting", "delayed", "prioritized", "waiting-children"], 0, 5_000);
  const waiting = new Set(queued.filter((job) => job?.name === "execute-request").map((job) => (job.data as { requestId: number }).requestId));
  const requeued: number[] = [];
  for (const { id, version } of stalled) {
    if (waiting.has(id) || (await RequestLock.isHeld(services.config.databaseUrl, id))) continue;
    const data = { requestId: id, version };
    const existing = await queue.getJob(executeJobId(data));
    // A finished job with this id would make BullMQ ignore the new one.
    if (existing && ((await existing.isCompleted()) || (await existing.isFailed()))) await existing.remove();
    await services.queues.enqueue("execute-request", data);
    requeued.push(id);
  }
  if (requeued.length > 0) services.log.warn({ requestIds: requeued }, "re-queued executions that nothing was carrying out");
  return requeued;
}

export function sweepStalledExecutionsProcessor(services: Services): Processor<"sweep-stalled-executions"> {
  return async (_data, { log }) => {
    await sweepStalledExecutions({ ...services, log });
  };
}
