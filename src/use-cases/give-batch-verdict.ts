import type { Verdict } from "./ports/store";
import type { UseCaseDeps } from "./ports/use-case-deps";
import { afterTransitions } from "./after-transition";
/** What came of the click, for the Slack side to tell the one who clicked; `done`: it took effect. */
export type BatchVerdictResult =
  | { done: false; kind: "unknown_batch"; batchId: string }
  | { done: false; kind: "refused"; batchId: string; why: "not_an_approver" | "own_batch" }
  | { done: false; kind: "still_deciding"; batchId: string }
  | { done: false; kind: "none_pending"; batchId: string; answers: { approverId: string; verdict: Verdict; n: number }[] }
  | { done: false; kind: "duplicate"; batchId: string; count: number }
  | { done: true; kind: "rejected"; batchId: string; rejected: number }
  | { done: true; kind: "approved"; batchId: string; approved: number; needMore: number };

/**
 * Approve all (or Reject all) on a batch approval message: one approver's verdict on every member
 * that waits for approval, exactly as if they had clicked each member's own button. The same
 * checks: only an approver, never the one who filed the batch (four eyes); each member moves once
 * however many clicks arrive together, and needs as many distinct approvers as its routing says
 * (its own amount, and the batch total). Refusals go to the batch's trail.
 */
export async function giveBatchVerdict(services: UseCaseDeps, input: { batchId: string; userId: string; verdict: Verdict; reason?: string }): Promise<BatchVerdictResult> {
  const { store } = services;
  const { batchId, userId, verdict } = input;
  const batch = await store.getBatch(batchId);
  if (!batch) return { done: false, kind: "unknown_batch", batchId };
  const refuse = async (why: "not_an_approver" | "own_batch"): Promise<BatchVerdictResult> => {
    await store.recordBatchEvent(batchId, { type: "user", id: userId }, "approve_all_refused", { user: userId, why, verdict });
    return { done: false, kind: "refused", batchId, why };
  };
  if (!(await services.approvers.isApprover(userId))) return refuse("not_an_approver");
  if (batch.createdBy === userId) return refuse("own_batch");
  if (batch.state !== "finished") return { done: false, kind: "still_deciding", batchId };

  const outcome = await store.recordBatchVerdict({ batchId, approverId: userId, verdict, ...(input.reason ? { reason: input.reason } : {}) });
  switch (outcome.kind) {
    case "own_batch":
      return refuse("own_batch");
    case "none_pending": {
      const answers = await store.batchApprovers(batchId);
      return { done: false, kind: "none_pending", batchId, answers: answers.map((a) => ({ approverId: a.approverId, verdict: a.verdict === "approve" ? "approve" : "reject", n: a.n })) };
    }
    case "duplicate":
      return { done: false, kind: "duplicate", batchId, count: outcome.count };
    case "done": {
      const { moved, recorded, alreadyAnswered } = outcome;
      await store.recordBatchEvent(batchId, { type: "user", id: userId }, verdict === "approve" ? "approved_all" : "rejected_all", {
        approver: userId,
        settled: moved.length,
        needMore: recorded.length,
        alreadyAnswered,
        ...(input.reason ? { reason: input.reason } : {}),
      });
      await afterTransitions(services, [...moved, ...recorded].map((m) => ({ ...m, batchId })));
      if (verdict === "reject") return { done: true, kind: "rejected", batchId, rejected: moved.length };
      return { done: true, kind: "approved", batchId, approved: moved.length, needMore: recorded.length };
    }
  }
}
