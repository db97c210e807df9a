import type { Verdict } from "./ports/store";
import type { UseCaseDeps } from "./ports/use-case-deps";
import { afterTransitions } from "./after-transition";
/** What the one who clicked is told, and whether the click took effect. */
export type VerdictResult = { done: boolean; message: string };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * Approve all (or Reject all) on a batch approval message: one approver's verdict on every member
 * that waits for approval, exactly as if they had clicked each member's own button. The same
 * checks: only an approver, never the one who filed the batch (four eyes); each member moves once
 * however many clicks arrive together, and needs as many distinct approvers as its routing says
 * (its own amount, and the batch total). Refusals go to the batch's trail.
 */
export async function giveBatchVerdict(services: UseCaseDeps, input: { batchId: string; userId: string; verdict: Verdict; reason?: string }): Promise<VerdictResult> {
  const { store } = services;
  const { batchId, userId, verdict } = input;
  const batch = await store.getBatch(batchId);
  if (!batch) return { done: false, message: `There is no batch ${batchId}.` };
  const refuse = async (why: "not_an_approver" | "own_batch", message: string) => {
    await store.recordBatchEvent(batchId, { type: "user", id: userId }, "approve_all_refused", { user: userId, why, verdict });
    return { done: false, message };
  };
  if (!(await services.approvers.isApprover(userId))) return refuse("not_an_approver", `Only approvers can approve or reject refunds; batch ${batchId} was left as it is.`);
  if (batch.createdBy === userId) return refuse("own_batch", `You filed batch ${batchId}: someone else must approve or reject it (four eyes).`);
  if (batch.state !== "finished") return { done: false, message: `Batch ${batchId} is still being decided: its orders can be approved all at once when it is finished.` };

  const outcome = await store.recordBatchVerdict({ batchId, approverId: userId, verdict, ...(input.reason ? { reason: input.reason } : {}) });
  switch (outcome.kind) {
    case "own_batch":
      return refuse("own_batch", `You filed batch ${batchId}: someone else must approve or reject it (four eyes).`);
    case "none_pending": {
      const answers = await store.batchApprovers(batchId);
      const who = answers.length ? ` (${answers.map((a) => `<@${a.approverId}> ${a.verdict === "approve" ? "approved" : "rejected"} ${a.n}`).join(", ")})` : "";
      return { done: false, message: `Nothing in batch ${batchId} waits for approval any more${who}.` };
    }
    case "duplicate":
      return { done: false, message: `You already answered the ${plural(outcome.count, "order")} of batch ${batchId} that wait for approval; ${outcome.count === 1 ? "it needs" : "they need"} another approver.` };
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
      if (verdict === "reject") return { done: true, message: `Rejected ${plural(moved.length, "order")} of batch ${batchId}.` };
      const parts = [moved.length > 0 ? `approved ${plural(moved.length, "order")}` : "", recorded.length > 0 ? `${plural(recorded.length, "order")} ${recorded.length === 1 ? "needs" : "need"} one more approver` : ""].filter(Boolean);
      return { done: true, message: `Batch ${batchId}: ${parts.join("; ")}.` };
    }
  }
}
