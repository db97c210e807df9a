import type { Db } from "./client";

/** A waiting request whose timers are due a look, with when it started to wait and the database's now. */
export interface DueApprovalTimer {
  id: number;
  since: Date;
  now: Date;
  /** False for a request that stopped waiting by a path that did not clear its timers: it is only cleared. */
  waiting: boolean;
}

/**
 * Requests waiting on their own whose timers are due a look, the longest due first. `since` is the
 * moment they entered awaiting_approval (their audit trail says; a partial approval does not move it).
 * Reads the partial index of waiting requests only: the cost is what is due, not what waits.
 */
export async function dueApprovalTimers(db: Db, limit: number): Promise<DueApprovalTimer[]> {
  return db.sql.rows<DueApprovalTimer>("due_approval_timers", DUE_APPROVAL_TIMERS_SQL, [limit]);
}

/** The timer pass's statement ($1: how many); exported for the test of its plan. */
/**
 * When request `r` started to wait for an approver, as SQL: its audit trail's move into
 * awaiting_approval (a partial approval, awaiting_approval to itself, does not count).
 */
export const WAITING_SINCE_SQL = `COALESCE((SELECT max(a.at) FROM audit_events a
                  WHERE a.request_id = r.id AND a.to_state = 'awaiting_approval'
                    AND a.from_state IS DISTINCT FROM 'awaiting_approval'), r.created_at)`;

// No condition on state: one would let the planner walk every waiting request by the state index.
export const DUE_APPROVAL_TIMERS_SQL = `SELECT r.id, now() AS now, r.state = 'awaiting_approval' AS waiting, ${WAITING_SINCE_SQL} AS since
  FROM refund_requests r
 WHERE r.approval_timer_at <= now()
 ORDER BY r.approval_timer_at LIMIT $1`;

/** When each request's timers are next looked at (null: never); one that stopped waiting meanwhile is cleared. */
export async function setNextApprovalTimers(db: Db, next: readonly { id: number; at: Date | null }[]): Promise<void> {
  if (next.length === 0) return;
  // Planned for its values, this statement may read the table in its own order rather than the
  // input's: the rows are locked first, in id order (see lock-order.ts), and only then changed.
  await db.sql.rows(
    "set_next_approval_timers",
    `WITH x AS (SELECT * FROM unnest($1::int[], $2::timestamptz[]) AS x(id, at)),
     locked AS (SELECT r.id FROM refund_requests r WHERE r.id IN (SELECT id FROM x) ORDER BY r.id FOR UPDATE)
     UPDATE refund_requests r SET approval_timer_at = CASE WHEN r.state = 'awaiting_approval' THEN x.at END
       FROM x JOIN locked USING (id)
      WHERE r.id = x.id`,
    [next.map((n) => n.id), next.map((n) => n.at)],
  );
}
