import type { Db } from "./client";
import { REQUEST_COLUMNS, type RequestRow } from "./requests";
import { claimsOf, JOINED_ORDER_COLUMNS, joinedOrderOf } from "./orders";
import type { SubmittedWithOrder } from "./submitted-requests";

export interface MemberRef {
  id: number;
  platform: string;
  orderId: string;
  state: string;
}

/** Every member of a batch, by request id (plain SQL: a 10,000-order batch is read in one go, without the ORM's copies). */
export function batchMembers(db: Db, batchId: string): Promise<MemberRef[]> {
  return db.sql.rows<MemberRef>("batch_members", `SELECT id, platform, order_id AS "orderId", state FROM refund_requests WHERE batch_id = $1 ORDER BY id`, [batchId]);
}

const CLAIMS_OF_OTHERS = claimsOf("r.id", "$3::float8");

/**
 * The members among `ids` that still wait for their decision, each with its stored order and what
 * the order's other requests hold of it (`windowMs`: the approval window). Each id is looked up by
 * primary key (as in submitted-requests.ts): `batch_id = … AND id IN (…) AND state = …` is planned
 * as a BitmapAnd of the batch and state indexes, which reads every entry under the batch and under
 * 'submitted', dead ones included until a vacuum.
 */
export async function submittedMembers(db: Db, batchId: string, ids: readonly number[], windowMs: number): Promise<SubmittedWithOrder[]> {
  const rows = await db.sql.rows<RequestRow & Record<string, unknown>>(
    "submitted_members",
    `WITH r AS (SELECT ${REQUEST_COLUMNS} FROM unnest($1::int[]) AS k(id) JOIN refund_requests USING (id) WHERE batch_id = $2 AND state = 'submitted')
     SELECT r.*, ${JOINED_ORDER_COLUMNS} FROM r LEFT JOIN orders o ON o.platform = r.platform AND o.order_id = r."orderId" ${CLAIMS_OF_OTHERS.join} ORDER BY r.id`,
    [[...new Set(ids)], batchId, windowMs],
  );
  return rows.map((row) => ({ row, order: () => joinedOrderOf(row) }));
}

/** One member of a finished batch as the summary and the results CSV show it: its decision's outcome, rules and refund, when it has one. */
export interface MemberResultRow {
  id: number;
  platform: string;
  orderId: string;
  state: string;
  amount: number | null;
  currency: string;
  outcome: string | null;
  ruleIds: string[] | null;
  refundAmount: number | null;
}

/**
 * Every member, read back for the summary and the results CSV: the three fields of each decision
 * they show, picked out by Postgres, rather than 10,000 whole decisions parsed in the worker.
 */
export function memberResults(db: Db, batchId: string): Promise<MemberResultRow[]> {
  return db.sql.rows<MemberResultRow>(
    "batch_member_results",
    `SELECT id, platform, order_id AS "orderId", state, amount, currency,
            decision->>'outcome' AS outcome, decision->'ruleIds' AS "ruleIds", decision->'refundAmount' AS "refundAmount"
       FROM refund_requests WHERE batch_id = $1 ORDER BY id`,
    [batchId],
  );
}
