import { WAITING_SINCE_SQL } from "./approval-timers";
import type { Db } from "./client";

export interface ApprovalBacklog {
  waiting: number;
  /** When the longest-waiting request started to wait; null when none waits. */
  oldestSince: Date | null;
}

/**
 * Requests waiting for an approver, and since when the oldest waits: the moment it entered
 * `awaiting_approval` (its audit trail says), not its last update, which a partial approval bumps.
 */
export async function approvalBacklog(db: Db): Promise<ApprovalBacklog> {
  const [row] = await db.sql.rows<{ waiting: number; oldest: Date | null }>(
    "approval_backlog",
    `SELECT count(*)::int AS waiting, min(entered) AS oldest
       FROM (SELECT ${WAITING_SINCE_SQL} AS entered
               FROM refund_requests r WHERE r.state = 'awaiting_approval') waiting`,
  );
  return { waiting: row?.waiting ?? 0, oldestSince: row?.oldest ?? null };
}
