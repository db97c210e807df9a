import type { Db } from "./client";
import { requestRowOf, type RequestRow } from "./requests";

export interface PendingSummary {
  count: number;
  /** Per currency: how many wait, and the sum of their refunds. */
  totals: { currency: string; count: number; amount: number }[];
  /** The most approvers any pending member needs. */
  maxRequired: number;
}

/** What waits for approval in a batch. */
export async function pendingSummary(db: Db, batchId: string): Promise<PendingSummary> {
  const rows = await db.sql.rows<{ currency: string; n: number; amount: number; required: number }>(
    "batch_pending_summary",
    `SELECT currency, count(*)::int AS n, COALESCE(sum((decision->>'refundAmount')::bigint), 0)::bigint AS amount, max(approvals_required)::int AS required
       FROM refund_requests WHERE batch_id = $1 AND state = 'awaiting_approval' GROUP BY currency ORDER BY currency`,
    [batchId],
  );
  return {
    count: rows.reduce((sum, r) => sum + r.n, 0),
    totals: rows.map((r) => ({ currency: r.currency, count: r.n, amount: r.amount })),
    maxRequired: rows.reduce((max, r) => Math.max(max, r.required), 0),
  };
}

/** The first pending members, for the per-order buttons on the batch approval message. */
export async function pendingMembers(db: Db, batchId: string, take: number): Promise<RequestRow[]> {
  return (await db.refundRequest.findMany({ where: { batchId, state: "awaiting_approval" }, orderBy: { id: "asc" }, take })).map(requestRowOf);
}

/** Who approved members of a batch so far, and how many each. */
export function batchApprovers(db: Db, batchId: string): Promise<{ approverId: string; verdict: string; n: number }[]> {
  return db.sql.rows(
    "batch_approvers",
    `SELECT a.approver_id AS "approverId", a.verdict, count(*)::int AS n
       FROM approvals a JOIN refund_requests r ON r.id = a.request_id
      WHERE r.batch_id = $1 GROUP BY a.approver_id, a.verdict ORDER BY min(a.id)`,
    [batchId],
  );
}
