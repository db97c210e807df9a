import type { UseCaseDeps } from "./ports/use-case-deps";
import { MAX_SYNC_CHUNK, type QueuedJob, type SyncChange } from "./ports/jobs";
import type { RequestState } from "../domain/request-state";

export interface TransitionDone {
  requestId: number;
  to: RequestState;
  /** The request's version after the move. */
  version: number;
  /**
   * The request's batch (null: none), when the caller knows it and knows the request has no message
   * of its own (e.g. it was just decided). Looked up when absent.
   */
  batchId?: string | null;
}

/** Batch members in these states need a person's hand on that one order (Retry, Mark refunded): they get their own message. */
export const OWN_MESSAGE_STATES: ReadonlySet<RequestState> = new Set(["failed", "manual_pending"]);

type Deps = Pick<UseCaseDeps, "queues" | "store">;

/**
 * Everything that follows a change of a request, queued with deterministic ids or deduplication so
 * that a processor which runs twice queues nothing twice: Slack shows the new state (message, thread
 * reply, approval message), App Homes refresh. (A pending approval's timers need nothing here: the
 * move to awaiting_approval sets them in Postgres, in the same statement.)
 */
export async function afterTransition(services: Deps, done: TransitionDone): Promise<void> {
  await afterTransitions(services, [done]);
}

/**
 * `afterTransition` for many moves at once (a slice of a batch). A batch member is shown in its
 * batch's message, not in one of its own (a bulk cancel of 10,000 orders posts one message, not
 * 10,000): its batch is synced, once per call.
 */
export async function afterTransitions(services: Deps, dones: readonly TransitionDone[]): Promise<void> {
  if (dones.length === 0) return;
  const { queues } = services;
  const batchOf = await batchIds(services, dones);
  const batches = new Set<string>();
  const syncs: SyncChange[] = [];
  const jobs: QueuedJob[] = [];
  for (const done of dones) {
    const { batchId, ownMessage } = batchOf.get(done.requestId) ?? { batchId: null, ownMessage: false };
    if (batchId) batches.add(batchId);
    if (!batchId || ownMessage || OWN_MESSAGE_STATES.has(done.to)) syncs.push({ requestId: done.requestId, change: `v${done.version}` });
    // Approved (by people, by the policy, or again after a Retry), batch member or not: carry it out at the providers.
    if (done.to === "approved") jobs.push({ name: "execute-request", data: { requestId: done.requestId, version: done.version } });
  }
  // One change keeps its own sync job (its own lock and retries); many changed together share a job per chunk.
  if (syncs.length === 1) jobs.push({ name: "sync-request", data: syncs[0]! });
  for (let i = 0; syncs.length > 1 && i < syncs.length; i += MAX_SYNC_CHUNK) jobs.push({ name: "sync-requests", data: { changes: syncs.slice(i, i + MAX_SYNC_CHUNK) } });
  await queues.enqueueJobs(jobs);
  for (const batchId of batches) await queues.enqueue("sync-batch", { batchId });
  await queues.enqueue("refresh-homes", {});
}

/** Each request's batch, and whether it has a message of its own: given by the caller, or read in one query. */
async function batchIds(services: Deps, dones: readonly TransitionDone[]): Promise<Map<number, { batchId: string | null; ownMessage: boolean }>> {
  const known = new Map<number, { batchId: string | null; ownMessage: boolean }>();
  const unknown: number[] = [];
  for (const done of dones) {
    if (done.batchId === undefined) unknown.push(done.requestId);
    else known.set(done.requestId, { batchId: done.batchId, ownMessage: false });
  }
  if (unknown.length > 0) {
    const rows = await services.store.batchesOf(unknown);
    for (const row of rows) known.set(row.id, { batchId: row.batchId, ownMessage: row.threadTs !== null });
  }
  return known;
}
