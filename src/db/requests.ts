import type { Prisma } from "../generated/prisma/client";
import type { AuditEvent, RefundRequest as PrismaRequestRow } from "../generated/prisma/client";
import type { Decision } from "../domain/decision";
import type { Order } from "../domain/order";
import type { NewRequest, RequestOrigin } from "../domain/request";
import { ExceedsRefundable } from "../use-cases/ports/store";
import type { RequestState } from "../domain/request-state";
import { SYSTEM, type Actor } from "../domain/actor";
import type { Db } from "./client";
import { batcherPerOwner, InFlightBatcher } from "./in-flight-batcher";
import { columnsOf } from "./sql";

/**
 * The approval timers of a request waiting on its own are looked at first when its first stage is
 * due (`firstLookAfterMs`; the timer pass then sets when next); any other move clears them. `to`:
 * the new state, `firstLookMs`: milliseconds after the move, both in SQL.
 */
export const APPROVAL_TIMER_ON_MOVE = (to: string, firstLookMs: string) =>
  `approval_timer_at = CASE WHEN ${to} = 'awaiting_approval' AND r.batch_id IS NULL THEN COALESCE(r.approval_timer_at, now() + ${firstLookMs}::float8 * interval '1 millisecond') END`;

export type { AuditEvent };

/** A request row; its amount (a bigint column) as a number, as the plain SQL reads give it. */
export type RequestRow = Omit<PrismaRequestRow, "amount"> & { amount: number | null };

/** A row read through Prisma (bigint amount), as the rest of the code reads one. */
export function requestRowOf(row: PrismaRequestRow): RequestRow {
  return { ...row, amount: row.amount === null ? null : Number(row.amount) };
}

export { SYSTEM, type Actor };

export type { NewRequest, RequestOrigin };

/** A request row, selected with the names Prisma's `RequestRow` has, for the plain SQL reads. */
export const REQUEST_COLUMNS = `id, platform, order_id AS "orderId", kind, initiator, reason, amount, currency, notify_customer AS "notifyCustomer",
  flag_customer AS "flagCustomer", return_received AS "returnReceived", note, requested_at AS "requestedAt", requested_by AS "requestedBy",
  origin, origin_channel AS "originChannel", idempotency_key AS "idempotencyKey", customer_message AS "customerMessage",
  customer_filed_cancel AS "customerFiledCancel", batch_id AS "batchId", state, decision, engine_version AS "engineVersion",
  order_snapshot AS "orderSnapshot", thread_channel AS "threadChannel", thread_ts AS "threadTs", approvals_required AS "approvalsRequired",
  approval_channel AS "approvalChannel", approval_ts AS "approvalTs", thread_version AS "threadVersion", approval_version AS "approvalVersion",
  approval_timer_at AS "approvalTimerAt", version, created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * Files requests (one array per column, one element per request) under a lock on each of their
 * orders, checking each against what is left of its order: the `file_requests` function of the
 * migrations (order_claims). One statement, whether one request is filed or many submitted together.
 */
export const FILE_REQUESTS_SQL = `SELECT n, id, created, refundable FROM file_requests($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
  $7::text[], $8::bool[], $9::bool[], $10::bool[], $11::text[], $12::timestamptz[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
  $18::bool[], $19::text[], $20::text[], $21::text[], $22::text[])`;

export { ExceedsRefundable };

interface Filing {
  request: NewRequest;
  actor: Actor;
}

/** An empty text is stored as none (NULL), like an absent one. */
function filingValues({ request, actor }: Filing): unknown[] {
  return [
    request.platform, request.orderId, request.kind, request.initiator, request.reason, request.amount ?? null, request.currency,
    request.notifyCustomer, request.flagCustomer, request.returnReceived, request.note || null, request.requestedAt, request.requestedBy,
    request.origin, request.originChannel || null, request.idempotencyKey || null, request.customerMessage || null,
    request.customerFiledCancel ?? false, request.batchId || null, actor.type, actor.id, JSON.stringify({ origin: request.origin }),
  ];
}

type Filed = { id: number; created: boolean } | { refundable: number };

/** Requests filed while a filing is in flight (submissions arriving together) are stored together, in one statement. */
const requestFiler = batcherPerOwner(
  (db: Db) =>
    new InFlightBatcher<Filing, Filed | null>(
      async (filings) => {
        const rows = await db.sql.byKey<{ n: number; id: number | null; created: boolean; refundable: number | null }>("file_requests", FILE_REQUESTS_SQL, columnsOf(filings.map(filingValues)));
        const byPosition = new Map(rows.map((row) => [row.n, row]));
        return filings.map((_, i) => {
          const row = byPosition.get(i + 1);
          if (row?.refundable != null) return { refundable: row.refundable };
          return row && row.id !== null ? { id: row.id, created: row.created } : null;
        });
      },
      { maxInFlight: 2, maxBatch: 64 },
    ),
);

/**
 * Stores a new request in state `submitted` together with its first audit row, in one statement:
 * there is never a request without its trail. Under a lock on its order, it must fit in what is left
 * of the order (the total, less what was refunded, less what its open requests hold), or nothing is
 * written and `ExceedsRefundable` says how much is left. When the idempotency key was seen before,
 * nothing is written and the first request is returned.
 */
export async function fileRequest(db: Db, request: NewRequest, actor: Actor): Promise<{ id: number; created: boolean }> {
  const filed = await requestFiler(db).run({ request, actor });
  if (filed && "refundable" in filed) throw new ExceedsRefundable(request.orderId, filed.refundable);
  if (filed) return filed;
  throw new Error("filing a request wrote nothing and found no earlier request");
}

export interface TransitionPatch {
  decision?: Decision;
  engineVersion?: string;
  orderSnapshot?: Order;
  approvalsRequired?: number;
}

export interface Transition {
  requestId: number;
  /** The states the request must be in for the move to happen (optimistic concurrency). */
  from: readonly RequestState[];
  to: RequestState;
  action: string;
  actor: Actor;
  detail?: Record<string, unknown>;
  set?: TransitionPatch;
  /** Into awaiting_approval: when its timers are first looked at, in ms after the move (`firstLookAfterMs`). @defaultValue 0 */
  approvalFirstLookMs?: number;
}

export type TransitionResult = { moved: true; version: number; auditId: bigint } | { moved: false };

/**
 * Moves a request from one of `from` to `to` and appends the audit row, atomically. When another
 * writer moved it first (the state is no longer in `from`), nothing is written and `moved` is false:
 * that is how two approvers clicking at once, or a job running twice, change nothing twice.
 */
export async function transitionRequest(db: Db, t: Transition): Promise<TransitionResult> {
  const rows = await db.sql.rows<{ version: number; audit_id: string }>(
    "transition_request",
    `WITH moved AS (
      UPDATE refund_requests r
         SET state = $1, version = r.version + 1, updated_at = now(), ${APPROVAL_TIMER_ON_MOVE("$1", "$12")},
             decision = COALESCE($2::jsonb, r.decision),
             engine_version = COALESCE($3, r.engine_version),
             order_snapshot = COALESCE($4::jsonb, r.order_snapshot),
             approvals_required = COALESCE($5::int, r.approvals_required)
        FROM refund_requests before
       WHERE r.id = $6 AND before.id = r.id AND r.state = ANY($7::text[])
      RETURNING r.id, r.version, before.state AS from_state
    ), audited AS (
      INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
      SELECT id, $8, $9, $10, from_state, $1, $11::jsonb FROM moved
      RETURNING id
    )
    SELECT moved.version, audited.id AS audit_id FROM moved, audited`,
    [
      t.to, t.set?.decision ? JSON.stringify(t.set.decision) : null, t.set?.engineVersion ?? null,
      t.set?.orderSnapshot ? JSON.stringify(t.set.orderSnapshot) : null, t.set?.approvalsRequired ?? null,
      t.requestId, [...t.from], t.actor.type, t.actor.id, t.action, JSON.stringify(t.detail ?? {}), t.approvalFirstLookMs ?? 0,
    ],
  );
  const row = rows[0];
  return row ? { moved: true, version: row.version, auditId: BigInt(row.audit_id) } : { moved: false };
}

/** Appends an audit row that records an event without a change of state (e.g. a refused click). */
export async function recordAudit(db: Db, requestId: number, actor: Actor, action: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.auditEvent.create({ data: { requestId, actorType: actor.type, actor: actor.id, action, detail: detail as Prisma.InputJsonObject } });
}

export async function getRequest(db: Db, id: number): Promise<RequestRow | null> {
  const [row] = await db.sql.byKey<RequestRow>("request_by_id", REQUEST_BY_ID_SQL, [id]);
  return row ?? null;
}

/** Exported for the test of its plan. */
export const REQUEST_BY_ID_SQL = `SELECT ${REQUEST_COLUMNS} FROM refund_requests WHERE id = $1`;

export async function auditTrail(db: Db, requestId: number): Promise<AuditEvent[]> {
  const rows = await db.sql.rows<Omit<AuditEvent, "id"> & { id: string }>(
    "audit_trail",
    `SELECT id, request_id AS "requestId", at, actor_type AS "actorType", actor, action, from_state AS "fromState", to_state AS "toState", detail
       FROM audit_events WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );
  return rows.map((row) => ({ ...row, id: BigInt(row.id) }));
}

/** Requests stuck in `submitted` since before `olderThan`: their evaluate job may have been lost. */
export function findStaleSubmitted(db: Db, olderThan: Date, limit = 500): Promise<{ id: number }[]> {
  return db.refundRequest.findMany({ where: { state: "submitted", createdAt: { lt: olderThan } }, select: { id: true }, take: limit, orderBy: { id: "asc" } });
}
