import type { Db } from "./client";
import { REQUEST_COLUMNS, type RequestRow } from "./requests";

/** Those of these requests that still wait for their decision, by id. */
export function submittedAmong(db: Db, ids: readonly number[]): Promise<RequestRow[]> {
  return db.sql.rows<RequestRow>("submitted_among", `SELECT ${REQUEST_COLUMNS} FROM refund_requests WHERE id = ANY($1::int[]) AND state = 'submitted' ORDER BY id`, [[...ids]]);
}

export interface DecidedRef {
  id: number;
  state: string;
  version: number;
  batchId: string | null;
  threadTs: string | null;
}

/** Where those of these requests that are decided stand now: what their follow-up jobs are queued from. */
export function decidedAmong(db: Db, ids: readonly number[]): Promise<DecidedRef[]> {
  return db.sql.rows<DecidedRef>(
    "decided_among",
    `SELECT id, state, version, batch_id AS "batchId", thread_ts AS "threadTs" FROM refund_requests WHERE id = ANY($1::int[]) AND state <> 'submitted' ORDER BY id`,
    [[...ids]],
  );
}
