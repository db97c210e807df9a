import { refusalFor, type Refusal } from "./give-verdict";
import type { UseCaseDeps } from "./ports/use-case-deps";

/** What a click on Reject finds before the modal asks why; the rejection itself is `giveVerdict`, checked again. */
export type RejectionCheck =
  | { kind: "unknown_request" }
  | { kind: "refused"; requestId: number; why: Refusal }
  | { kind: "not_pending"; requestId: number }
  | { kind: "may_reject"; requestId: number };

/** May this user reject the request now? A refusal is written to its audit trail. */
export async function checkRejection(services: Pick<UseCaseDeps, "store" | "approvers">, requestId: number, userId: string): Promise<RejectionCheck> {
  const row = await services.store.getRequest(requestId);
  if (!row) return { kind: "unknown_request" };
  const why = await refusalFor(services, row, userId);
  if (why) return { kind: "refused", requestId: row.id, why };
  if (row.state !== "awaiting_approval") return { kind: "not_pending", requestId: row.id };
  return { kind: "may_reject", requestId: row.id };
}

/** What a click on Reject all finds before the modal asks why; the rejection itself is `giveBatchVerdict`, checked again. */
export type BatchRejectionCheck =
  | { kind: "unknown_batch" }
  | { kind: "refused"; batchId: string; why: "own_batch" | "not_an_approver" }
  | { kind: "none_pending"; batchId: string }
  | { kind: "may_reject"; batchId: string; pending: number };

/** May this user reject what waits in the batch now? A refusal is written to the batch's trail. */
export async function checkBatchRejection(services: Pick<UseCaseDeps, "store" | "approvers">, batchId: string, userId: string): Promise<BatchRejectionCheck> {
  const { store } = services;
  const batch = await store.getBatch(batchId);
  if (!batch) return { kind: "unknown_batch" };
  if (!(await services.approvers.isApprover(userId)) || batch.createdBy === userId) {
    const why = batch.createdBy === userId ? "own_batch" : "not_an_approver";
    await store.recordBatchEvent(batch.id, { type: "user", id: userId }, "approve_all_refused", { user: userId, why, verdict: "reject" });
    return { kind: "refused", batchId: batch.id, why };
  }
  const pending = await store.pendingSummary(batch.id);
  return pending.count === 0 ? { kind: "none_pending", batchId: batch.id } : { kind: "may_reject", batchId: batch.id, pending: pending.count };
}
