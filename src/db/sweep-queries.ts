import type { Db } from "./client";

/**
 * Requests whose Slack messages are behind their stored state, untouched since `olderThan`: their
 * sync job was lost (Redis lost its data) or failed for good (Slack down longer than its retries).
 * Behind means: a request of its own (no batch, or one needing its own hand) whose message shows an
 * older version or was never posted; one awaiting approval whose approval message is missing; or one
 * whose approval message shows an older version (in any state: it must lose its buttons once decided).
 */
export async function findProjectionsBehind(db: Db, olderThan: Date, limit = 500): Promise<{ id: number; version: number }[]> {
  return db.sql.rows<{ id: number; version: number }>("projections_behind", PROJECTIONS_BEHIND_SQL, [olderThan, limit]);
}

/**
 * Behind, as a condition. The migration `projections_behind_index` indexes exactly this (a partial
 * index, used only by a query whose condition implies it): keep the two the same, word for word.
 */
const PROJECTION_BEHIND = `(version > thread_version AND (batch_id IS NULL OR thread_ts IS NOT NULL OR state IN ('failed', 'manual_pending')))
     OR (batch_id IS NULL AND state = 'awaiting_approval' AND approval_ts IS NULL)
     OR (batch_id IS NULL AND approval_ts IS NOT NULL AND version > approval_version)`;

/** The sweeper's statement ($1: untouched since, $2: how many); exported for the test of its plan. */
export const PROJECTIONS_BEHIND_SQL = `SELECT id, version FROM refund_requests
   WHERE updated_at < $1 AND state <> 'submitted' AND (${PROJECTION_BEHIND})
   ORDER BY id LIMIT $2`;
