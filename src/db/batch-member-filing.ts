import { memberIdempotencyKey, type BatchItem } from "../domain/bulk/batch-items";
import type { BatchRow } from "./batches";
import type { Db } from "./client";
import type { Actor } from "./requests";

/** Rows per statement: large enough to be fast, small enough to keep one statement's memory and lock time modest. */
export const FILE_CHUNK = 1_000;

const FILE_BATCH_MEMBERS_SQL = `WITH filed AS (
   INSERT INTO refund_requests (platform, order_id, kind, initiator, reason, amount, currency, notify_customer, flag_customer,
                                return_received, note, requested_at, requested_by, origin, origin_channel, idempotency_key, batch_id, state)
   SELECT x.platform, x.order_id, $2::text, $3::text, x.reason, x.amount, x.currency, $4::boolean, $5::boolean,
          $6::boolean, $7::text, $8::timestamptz, $9::text, 'bulk', $10::text, x.idempotency_key, $11::text, 'submitted'
     FROM jsonb_to_recordset($1::jsonb)
          AS x(ord int, platform text, order_id text, reason text, amount bigint, currency text, idempotency_key text)
    ORDER BY x.ord
   ON CONFLICT (idempotency_key) DO NOTHING
   RETURNING id, state
 ), audited AS (
   INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
   SELECT id, $12::text, $13::text, 'filed', NULL, state, $14::jsonb FROM filed
   RETURNING 1
 )
 SELECT count(*)::int AS n FROM audited`;

/**
 * Stores the members of a batch, `FILE_CHUNK` per statement: each statement inserts the requests
 * and their `filed` audit rows together (a data-modifying CTE is atomic), so there is never a member
 * without its trail. A member whose idempotency key exists already (a resumed filing) is skipped,
 * so filing a batch twice files no order twice. Returns how many were stored now.
 */
export async function fileBatchMembers(db: Db, batch: BatchRow, items: readonly BatchItem[], actor: Actor): Promise<number> {
  if (!batch.confirmedAt) throw new Error(`batch ${batch.id} is not confirmed`);
  let stored = 0;
  for (let start = 0; start < items.length; start += FILE_CHUNK) {
    const rows = items.slice(start, start + FILE_CHUNK).map((item, i) => ({
      ord: start + i,
      platform: item.platform,
      order_id: item.orderId,
      reason: item.reason ?? batch.reason,
      amount: item.amount ?? null,
      currency: item.currency,
      idempotency_key: memberIdempotencyKey(batch.id, item.platform, item.orderId),
    }));
    if (rows.some((r) => !r.reason)) throw new Error(`batch ${batch.id} has a line without a reason and no shared reason`);
    // Plain SQL: the ORM would hold several copies of this 1,000-row parameter at once.
    const filed = await db.sql.rows<{ n: number }>("file_batch_members", FILE_BATCH_MEMBERS_SQL, [
      JSON.stringify(rows), batch.kind, batch.initiator, batch.notifyCustomer, batch.flagCustomer,
      batch.returnReceived, batch.note, batch.confirmedAt, batch.createdBy, batch.originChannel, batch.id,
      actor.type, actor.id, JSON.stringify({ origin: "bulk", batchId: batch.id }),
    ]);
    stored += filed[0]?.n ?? 0;
  }
  return stored;
}
