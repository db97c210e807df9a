import type { UseCaseDeps } from "./ports/use-case-deps";

/** The default of STALE_REQUEST_AFTER_MS: a request older than this still in `submitted` has lost its evaluate job. */
export const STALE_AFTER_MS = 30_000;

/**
 * Postgres is the source of truth and Redis may lose everything (a restart without persistence):
 * this sweep rebuilds from the database whatever request work a lost job would have done. Every
 * enqueue uses the job's deterministic id, so a job that is merely slow is not doubled.
 */
export async function sweepStaleRequests(deps: Pick<UseCaseDeps, "store" | "queues" | "now">, staleAfterMs: number): Promise<{ evaluations: number[]; syncs: number[] }> {
  const olderThan = new Date(deps.now().getTime() - staleAfterMs);
  // 1. Filed but never decided: the evaluate job was lost (e.g. a crash right after filing).
  const stale = await deps.store.staleSubmitted(olderThan);
  for (const { id } of stale) await deps.queues.enqueueOrRetry("evaluate-request", { requestId: id });
  // 2. Slack behind the database: the sync of the current version was lost or gave up.
  const behind = await deps.store.projectionsBehind(olderThan);
  for (const { id, version } of behind) await deps.queues.enqueueOrRetry("sync-request", { requestId: id, change: `v${version}` });
  // (Approval timers need no sweep: they live in Postgres, see queue-due-approval-timers.)
  return { evaluations: stale.map((r) => r.id), syncs: behind.map((r) => r.id) };
}
