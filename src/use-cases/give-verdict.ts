import { requestStateSchema, type RequestState } from "../domain/request-state";
import { afterTransition } from "./after-transition";
import type { Approval, RequestRow, Verdict } from "./ports/store";
import type { UseCaseDeps } from "./ports/use-case-deps";

/** What became of a click on Approve or Reject; the Slack adapter says it in words (src/slack/verdict-replies.ts). */
export type VerdictOutcome =
  | { kind: "unknown_request"; requestId: number }
  | { kind: "refused"; requestId: number; why: Refusal }
  /** Someone decided first (or it expired): who answered, and where it stands. */
  | { kind: "not_pending"; requestId: number; state: RequestState; answers: Approval[] }
  | { kind: "duplicate"; requestId: number; answer: Approval }
  | { kind: "recorded"; requestId: number; remaining: number }
  | { kind: "approved"; requestId: number }
  | { kind: "denied"; requestId: number };

export type Refusal = "not_an_approver" | "own_request";

/**
 * Who may decide a request: an approver, never its requester (four eyes). A refusal is written to
 * the audit trail. Returns the refusal, or null when the user may decide.
 */
export async function refusalFor(services: Pick<UseCaseDeps, "store" | "approvers">, row: RequestRow, userId: string): Promise<Refusal | null> {
  const why: Refusal | null = !(await services.approvers.isApprover(userId)) ? "not_an_approver" : row.requestedBy === userId ? "own_request" : null;
  if (why) await services.store.recordAudit(row.id, { type: "user", id: userId }, "approval_refused", { user: userId, why });
  return why;
}

/**
 * An approver's Approve or Reject. Exactly one decision takes effect however many clicks arrive at
 * once; everyone else is told who decided first.
 */
export async function giveVerdict(services: UseCaseDeps, input: { requestId: number; userId: string; verdict: Verdict; reason?: string }): Promise<VerdictOutcome> {
  const { requestId } = input;
  const row = await services.store.getRequest(requestId);
  if (!row) return { kind: "unknown_request", requestId };
  const refusal = await refusalFor(services, row, input.userId);
  if (refusal) return { kind: "refused", requestId, why: refusal };
  const outcome = await services.store.recordVerdict({ requestId: row.id, approverId: input.userId, verdict: input.verdict, ...(input.reason ? { reason: input.reason } : {}) });
  switch (outcome.kind) {
    case "unknown_request":
      return { kind: "unknown_request", requestId };
    case "not_pending":
      return { kind: "not_pending", requestId, state: requestStateSchema.parse(outcome.state), answers: outcome.answers };
    case "duplicate":
      return { kind: "duplicate", requestId, answer: outcome.answer };
    case "recorded":
      await afterTransition(services, { requestId: row.id, to: "awaiting_approval", version: outcome.version });
      return { kind: "recorded", requestId, remaining: outcome.remaining };
    case "approved":
      await afterTransition(services, { requestId: row.id, to: outcome.to, version: outcome.version });
      return { kind: "approved", requestId };
    case "denied":
      await afterTransition(services, { requestId: row.id, to: "denied", version: outcome.version });
      return { kind: "denied", requestId };
  }
}
