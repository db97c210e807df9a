import { z } from "zod";

/**
 * The life of a refund request. Every change of state is one audit row; a final state never
 * changes again.
 */
export const requestStateSchema = z.enum([
  "submitted", // filed, waiting for the engine
  "rejected", // the engine said no (final)
  "waiting", // eligible once a condition holds, e.g. the returned goods arrive (Q10)
  "awaiting_approval", // a person must agree first
  "approved", // agreed (or routed auto), waiting for execution
  "denied", // an approver said no (final)
  "expired", // nobody decided in time (final)
  "executing", // effects are being carried out at the providers
  "failed", // a permanent provider error stopped execution; an approver may retry
  "manual_pending", // to be refunded by other means (C7); closed by "Mark refunded"
  "completed", // every effect done (final)
]);
export type RequestState = z.infer<typeof requestStateSchema>;

export const FINAL_STATES: ReadonlySet<RequestState> = new Set(["rejected", "denied", "expired", "completed"]);

const ALLOWED_MOVES: Record<RequestState, readonly RequestState[]> = {
  submitted: ["rejected", "waiting", "awaiting_approval", "approved", "manual_pending"],
  waiting: ["submitted", "expired"],
  awaiting_approval: ["approved", "denied", "expired", "manual_pending"],
  approved: ["executing", "manual_pending"],
  executing: ["completed", "failed", "manual_pending", "executing"],
  failed: ["approved", "denied"],
  manual_pending: ["completed"],
  rejected: [],
  denied: [],
  expired: [],
  completed: [],
};

export function canMove(from: RequestState, to: RequestState): boolean {
  return ALLOWED_MOVES[from].includes(to);
}

/** Which states may move to `to`: the precondition of a transition. */
export function statesThatMoveTo(to: RequestState): RequestState[] {
  return requestStateSchema.options.filter((from) => canMove(from, to));
}
