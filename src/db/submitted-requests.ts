import type { Order } from "../domain/order";
import type { Db } from "./client";
import { claimsOf, JOINED_ORDER_COLUMNS, joinedOrderOf } from "./orders";
import { REQUEST_COLUMNS, type RequestRow } from "./requests";

/** A request waiting for its decision, with its order as the store has it (`order()` is null when it has none; it throws on one the rules cannot read). */
export interface SubmittedWithOrder {
  row: RequestRow;
  order: () => Order | null;
}

/** What the order's other requests hold of it, for the request `r` being decided ($2: the approval window, in ms). */
const CLAIMS_OF_OTHERS = claimsOf("r.id", "$2::float8");

/**
 * Those of these requests that still wait for their decision, by id, each with its stored order and
 * what the order's other requests hold of it (`windowMs`: the approval window): one round trip. Each id is looked up by primary key, then its state checked: written as
 * `id = ANY($1) AND state = 'submitted'`, its plan (custom, for the very ids) ANDed the state
 * index into the primary key's, and read every entry under 'submitted', dead ones included until a
 * vacuum.
 */
export async function submittedAmongWithOrders(db: Db, ids: readonly number[], windowMs: number): Promise<SubmittedWithOrder[]> {
  const rows = await db.sql.rows<RequestRow & Record<string, unknown>>(
    "submitted_among_with_orders",
    `WITH r AS (SELECT ${REQUEST_COLUMNS} FROM unnest($1::int[]) AS k(id) JOIN refund_requests USING (id) WHERE state = 'submitted')
     SELECT r.*, ${JOINED_ORDER_COLUMNS} FROM r LEFT JOIN orders o ON o.platform = r.platform AND o.order_id = r."orderId" ${CLAIMS_OF_OTHERS.join} ORDER BY r.id`,
    [[...new Set(ids)], windowMs],
  );
  // The row keeps its order's columns beside its own (nothing reads a row's keys): no copy per row.
  return rows.map((row) => ({ row, order: () => joinedOrderOf(row) }));
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
