import type { Approval } from "../generated/prisma/client";
import type { RequestState } from "../domain/request-state";
import type { Db } from "./client";
import type { SqlTransaction } from "./sql";

export type { Approval };

export type Verdict = "approve" | "reject";

export type VerdictOutcome =
  | { kind: "unknown_request" }
  /** The request is no longer waiting: someone decided first (or it expired). */
  | { kind: "not_pending"; state: RequestState; answers: Approval[] }
  /** This approver already answered this request. */
  | { kind: "duplicate"; answer: Approval }
  /** Approval given; more approvers are needed. */
  | { kind: "recorded"; remaining: number; version: number }
  | { kind: "approved"; to: RequestState; version: number; approvers: string[] }
  | { kind: "denied"; version: number };

interface LockedRequest {
  state: RequestState;
  approvals_required: number;
  outcome: string | null;
}

const APPROVAL_COLUMNS = `id, request_id AS "requestId", approver_id AS "approverId", verdict, reason, at`;

/**
 * Records one approver's verdict and, when it settles the request, moves it, all in one
 * transaction that holds the request's row lock: two approvers clicking at once, one clicking
 * twice, or Slack delivering a click twice, settle it exactly once.
 */
export async function recordVerdict(db: Db, input: { requestId: number; approverId: string; verdict: Verdict; reason?: string }): Promise<VerdictOutcome> {
  const { requestId, approverId, verdict } = input;
  return db.sql.transaction(async (tx) => {
    const [request] = await tx.rows<LockedRequest>(
      "verdict_lock_request",
      `SELECT state, approvals_required, decision->>'outcome' AS outcome FROM refund_requests WHERE id = $1 FOR UPDATE`,
      [requestId],
    );
    if (!request) return { kind: "unknown_request" };
    if (request.state !== "awaiting_approval") {
      return { kind: "not_pending", state: request.state, answers: await tx.rows<Approval>("verdict_answers", `SELECT ${APPROVAL_COLUMNS} FROM approvals WHERE request_id = $1 ORDER BY id`, [requestId]) };
    }
    const inserted = await tx.rows<{ id: number }>(
      "verdict_insert_approval",
      `INSERT INTO approvals (request_id, approver_id, verdict, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (request_id, approver_id) DO NOTHING RETURNING id`,
      [requestId, approverId, verdict, input.reason ?? null],
    );
    if (inserted.length === 0) {
      const [answer] = await tx.rows<Approval>("verdict_answer_of", `SELECT ${APPROVAL_COLUMNS} FROM approvals WHERE request_id = $1 AND approver_id = $2`, [requestId, approverId]);
      return { kind: "duplicate", answer: answer! };
    }
    return settle(tx, input, request);
  });
}

/** After a fresh answer: the request denied, approved, or still waiting for more approvers. */
async function settle(tx: SqlTransaction, { requestId, approverId, verdict, reason }: { requestId: number; approverId: string; verdict: Verdict; reason?: string }, request: LockedRequest): Promise<VerdictOutcome> {
  const audit = (action: string, to: RequestState, detail: object) =>
    tx.rows(
      "verdict_audit",
      `INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
       VALUES ($1, 'user', $2, $3, 'awaiting_approval', $4, $5::jsonb)`,
      [requestId, approverId, action, to, JSON.stringify(detail)],
    );
  // With no new state, the same state: new content (who approved so far) is a new version too, so its messages are redrawn.
  const move = async (to: RequestState | null) => {
    const [row] = await tx.rows<{ version: number }>(
      "verdict_move_request",
      `UPDATE refund_requests SET state = COALESCE($2, state), version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
      [requestId, to],
    );
    return row!.version;
  };
  if (verdict === "reject") {
    const version = await move("denied");
    await audit("denied", "denied", { approver: approverId, reason: reason ?? "" });
    return { kind: "denied", version };
  }
  const approvers = (await tx.rows<{ approverId: string }>("verdict_approvers", `SELECT approver_id AS "approverId" FROM approvals WHERE request_id = $1 AND verdict = 'approve' ORDER BY id`, [requestId])).map(
    (a) => a.approverId,
  );
  const remaining = Math.max(0, request.approvals_required - approvers.length);
  if (remaining > 0) {
    const version = await move(null);
    await audit("approval_given", "awaiting_approval", { approver: approverId, remaining });
    return { kind: "recorded", remaining, version };
  }
  // Every approved request goes to execution, a manual one (C7) too: the order is still cancelled,
  // points restored and the customer told; the executor skips LINE Pay and leaves a task for a person.
  const to: RequestState = "approved";
  const version = await move(to);
  await audit("approved", to, { approvers });
  return { kind: "approved", to, version, approvers };
}

export function answersOf(db: Db, requestId: number): Promise<Approval[]> {
  return db.approval.findMany({ where: { requestId }, orderBy: { id: "asc" } });
}
