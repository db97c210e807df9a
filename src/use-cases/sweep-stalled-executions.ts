import type { UseCaseDeps } from "./ports/use-case-deps";

/** The default of STALLED_EXECUTION_AFTER_MS: an approved or executing request untouched for this long may have lost its job. */
export const STALLED_AFTER_MS = 120_000;

/**
 * Finds approved or executing requests that nothing is carrying out, and queues their execution
 * again: those whose job was lost (queueing failed after the approval), failed for good without
 * reaching the request (a worker killed on its last attempt), or died with its worker. A request
 * with an execute job waiting or delayed (a retry in its backoff) is left to it, and one whose
 * execution lock is held is being executed right now.
 */
export async function sweepStalledExecutions(deps: Pick<UseCaseDeps, "store" | "queues" | "locks" | "now" | "log">, stalledAfterMs: number): Promise<number[]> {
  const stalled = await deps.store.stalledExecutions(new Date(deps.now().getTime() - stalledAfterMs));
  if (stalled.length === 0) return [];
  const waiting = new Set((await deps.queues.waitingJobs("execute-request")).map((data) => data.requestId));
  const requeued: number[] = [];
  for (const { id, version } of stalled) {
    if (waiting.has(id) || (await deps.locks.isHeld(id))) continue;
    await deps.queues.enqueueAfresh("execute-request", { requestId: id, version });
    requeued.push(id);
  }
  if (requeued.length > 0) deps.log.warn({ requestIds: requeued }, "re-queued executions that nothing was carrying out");
  return requeued;
}
