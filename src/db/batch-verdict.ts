import type { RequestState } from "../domain/request-state";
import type { MovedMember } from "./batch-member-moves";
import type { Db } from "./client";
import type { SqlTransaction } from "./sql";

export type BatchVerdictOutcome =
  | { kind: "none_pending" }
  | { kind: "own_batch" }
  /** This approver had answered every pending member already. */
  | { kind: "duplicate"; count: number }
  | { kind: "done"; moved: MovedMember[]; recorded: MovedMember[]; alreadyAnswered: number };

export interface BatchVerdict {
  batchId: string;
  approverId: string;
  verdict: "approve" | "reject";
  reason?: string;
}

interface LockedMember {
  id: number;
  approvals_required: number;
  requested_by: string;
}

interface Step {
  id: number;
  to: RequestState;
  action: string;
  detail: Record<string, unknown>;
}

const APPLY_BATCH_VERDICT_SQL = `WITH d AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id int, to_state text, action text, detail jsonb)),
 changed AS (
   UPDATE refund_requests r SET state = d.to_state, version = r.version + 1, updated_at = now()
     FROM d WHERE r.id = d.id AND r.state = 'awaiting_approval'
   RETURNING r.id, r.version, d.to_state, d.action, d.detail
 ), audited AS (
   INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
   SELECT id, 'user', $2::text, action, 'awaiting_approval', to_state, detail FROM changed
   RETURNING request_id
 )
 SELECT changed.id, changed.version, changed.to_state FROM changed JOIN audited ON audited.request_id = changed.id`;

/**
 * One approver's verdict on every member of a batch that waits for approval, in one transaction
 * that holds those members' row locks (taken in id order, as a single click takes one): two
 * approvers clicking at once, a double click, or a single Approve on one member meanwhile, settle
 * each member exactly once. Each member gets the approval row and the audit row that a single
 * click gives it; a member needing more approvers than it now has stays pending.
 */
export function recordBatchVerdict(db: Db, input: BatchVerdict): Promise<BatchVerdictOutcome> {
  const { batchId, approverId, verdict } = input;
  return db.sql.transaction(async (tx) => {
    const locked = await tx.rows<LockedMember>(
      "batch_verdict_lock_members",
      `SELECT id, approvals_required, requested_by FROM refund_requests WHERE batch_id = $1 AND state = 'awaiting_approval' ORDER BY id FOR UPDATE`,
      [batchId],
    );
    if (locked.length === 0) return { kind: "none_pending" };
    if (locked.some((m) => m.requested_by === approverId)) return { kind: "own_batch" };
    const inserted = await tx.rows<{ request_id: number }>(
      "batch_verdict_insert_approvals",
      `INSERT INTO approvals (request_id, approver_id, verdict, reason)
       SELECT unnest($1::int[]), $2::text, $3::text, $4::text
       ON CONFLICT (request_id, approver_id) DO NOTHING RETURNING request_id`,
      [locked.map((m) => m.id), approverId, verdict, input.reason ?? null],
    );
    if (inserted.length === 0) return { kind: "duplicate", count: locked.length };
    const fresh = new Set(inserted.map((r) => r.request_id));
    const answered = locked.filter((m) => fresh.has(m.id));
    const steps = verdict === "reject" ? rejections(input, answered) : await approvalSteps(tx, input, answered);
    const rows = JSON.stringify(steps.map((s) => ({ id: s.id, to_state: s.to, action: s.action, detail: s.detail })));
    // Same state, new content (who approved so far) is a new version too, so its messages are redrawn.
    const changed = await tx.rows<{ id: number; version: number; to_state: RequestState }>("apply_batch_verdict", APPLY_BATCH_VERDICT_SQL, [rows, approverId]);
    const all = changed.map((c) => ({ requestId: c.id, to: c.to_state, version: c.version }));
    return {
      kind: "done",
      moved: all.filter((m) => m.to !== "awaiting_approval"),
      recorded: all.filter((m) => m.to === "awaiting_approval"),
      alreadyAnswered: locked.length - answered.length,
    };
  });
}

function rejections({ approverId, reason, batchId }: BatchVerdict, answered: readonly LockedMember[]): Step[] {
  return answered.map((m) => ({ id: m.id, to: "denied", action: "denied", detail: { approver: approverId, reason: reason ?? "", batchId } }));
}

async function approvalSteps(tx: SqlTransaction, { approverId, batchId }: BatchVerdict, answered: readonly LockedMember[]): Promise<Step[]> {
  const approvals = await tx.rows<{ request_id: number; approvers: string[] }>(
    "batch_verdict_approvers",
    `SELECT request_id, array_agg(approver_id ORDER BY id) AS approvers FROM approvals
      WHERE request_id = ANY($1::int[]) AND verdict = 'approve' GROUP BY request_id`,
    [answered.map((m) => m.id)],
  );
  const approversOf = new Map(approvals.map((a) => [a.request_id, a.approvers]));
  return answered.map((m) => {
    const approvers = approversOf.get(m.id) ?? [approverId];
    const remaining = Math.max(0, m.approvals_required - approvers.length);
    if (remaining > 0) return { id: m.id, to: "awaiting_approval", action: "approval_given", detail: { approver: approverId, remaining, batchId } };
    // Every approved member goes to execution, a manual one (C7) too, as a single approval does (recordVerdict).
    return { id: m.id, to: "approved", action: "approved", detail: { approvers, batchId } };
  });
}
