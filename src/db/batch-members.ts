import { Prisma } from "../generated/prisma/client";
import { memberIdempotencyKey, type BatchItem } from "../domain/bulk/batch-items";
import type { Decision } from "../domain/decision";
import type { Order } from "../domain/order";
import type { RequestState } from "../domain/request-state";
import type { BatchRow } from "./batches";
import type { Db } from "./client";
import { inLockOrder } from "./lock-order";
import { APPROVAL_TIMER_ON_MOVE, REQUEST_COLUMNS, requestRowOf, type Actor, type RequestRow } from "./requests";
import { claimsOf, JOINED_ORDER_COLUMNS, joinedOrderOf } from "./orders";
import type { SubmittedWithOrder } from "./submitted-requests";

/** Rows per statement: large enough to be fast, small enough to keep one statement's memory and lock time modest. */
export const FILE_CHUNK = 1_000;

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
    const filed = await db.sql.rows<{ n: number }>(
      "file_batch_members",
      `WITH filed AS (
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
       SELECT count(*)::int AS n FROM audited`,
      [
        JSON.stringify(rows), batch.kind, batch.initiator, batch.notifyCustomer, batch.flagCustomer,
        batch.returnReceived, batch.note, batch.confirmedAt, batch.createdBy, batch.originChannel, batch.id,
        actor.type, actor.id, JSON.stringify({ origin: "bulk", batchId: batch.id }),
      ],
    );
    stored += filed[0]?.n ?? 0;
  }
  return stored;
}

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
 * primary key (as in submitted-requests.ts): through the ORM, `batch_id = … AND id IN (…) AND state
 * = …` was planned as a BitmapAnd of the batch and state indexes, which read every entry under the
 * batch and under 'submitted', dead ones included until a vacuum: 118,661 entries, 9.2 ms for a
 * slice of 200.
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

export interface MemberMove {
  requestId: number;
  to: RequestState;
  action: "decided" | "order_not_found" | "evaluation_failed";
  detail: Record<string, unknown>;
  decision?: Decision;
  engineVersion?: string;
  orderSnapshot?: Order;
  approvalsRequired?: number;
}

export interface MovedMember {
  requestId: number;
  to: RequestState;
  version: number;
}

/**
 * Moves many members out of `submitted` in one statement, each with its own audit row, exactly as
 * `transitionRequest` moves one: a member that someone else moved first (a single evaluation by the
 * sweeper, a resumed job) is left alone and gets no row. `approvalFirstLookMs`: for a request that
 * starts to wait on its own, as `Transition.approvalFirstLookMs`.
 */
export async function decideMembers(db: Db, moves: readonly MemberMove[], actor: Actor, approvalFirstLookMs = 0): Promise<MovedMember[]> {
  if (moves.length === 0) return [];
  const rows = JSON.stringify(
    inLockOrder(moves, (m) => m.requestId).map((m) => ({
      id: m.requestId,
      to_state: m.to,
      action: m.action,
      detail: m.detail,
      decision: m.decision ?? null,
      engine_version: m.engineVersion ?? null,
      order_snapshot: m.orderSnapshot ?? null,
      approvals_required: m.approvalsRequired ?? null,
    })),
  );
  // Plain SQL: with a slice's decisions in one parameter, the ORM held several copies of it per job.
  const moved = await db.sql.rows<{ id: number; version: number; to_state: RequestState }>(
    "decide_members",
    `WITH d AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(id int, to_state text, action text, detail jsonb, decision jsonb, engine_version text, order_snapshot jsonb, approvals_required int)
     ), moved AS (
       UPDATE refund_requests r
          SET state = d.to_state, version = r.version + 1, updated_at = now(), ${APPROVAL_TIMER_ON_MOVE("d.to_state", "$4")},
              decision = COALESCE(d.decision, r.decision),
              engine_version = COALESCE(d.engine_version, r.engine_version),
              order_snapshot = COALESCE(d.order_snapshot, r.order_snapshot),
              approvals_required = COALESCE(d.approvals_required, r.approvals_required)
         FROM d
        WHERE r.id = d.id AND r.state = 'submitted'
       RETURNING r.id, r.version, d.to_state, d.action, d.detail
     ), audited AS (
       INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
       SELECT id, $2::text, $3::text, action, 'submitted', to_state, detail FROM moved
       RETURNING request_id
     )
     SELECT moved.id, moved.version, moved.to_state FROM moved JOIN audited ON audited.request_id = moved.id`,
    [rows, actor.type, actor.id, approvalFirstLookMs],
  );
  return moved.map((m) => ({ requestId: m.id, to: m.to_state, version: m.version }));
}

export interface PendingSummary {
  count: number;
  /** Per currency: how many wait, and the sum of their refunds. */
  totals: { currency: string; count: number; amount: number }[];
  /** The most approvers any pending member needs. */
  maxRequired: number;
}

/** What waits for approval in a batch. */
export async function pendingSummary(db: Db, batchId: string): Promise<PendingSummary> {
  const rows = await db.$queryRaw<{ currency: string; n: number; amount: bigint; required: number }[]>(Prisma.sql`
    SELECT currency, count(*)::int AS n, COALESCE(sum((decision->>'refundAmount')::bigint), 0)::bigint AS amount, max(approvals_required)::int AS required
      FROM refund_requests WHERE batch_id = ${batchId} AND state = 'awaiting_approval' GROUP BY currency ORDER BY currency`);
  return {
    count: rows.reduce((sum, r) => sum + r.n, 0),
    totals: rows.map((r) => ({ currency: r.currency, count: r.n, amount: Number(r.amount) })),
    maxRequired: rows.reduce((max, r) => Math.max(max, r.required), 0),
  };
}

/** The first pending members, for the per-order buttons on the batch approval message. */
export async function pendingMembers(db: Db, batchId: string, take: number): Promise<RequestRow[]> {
  return (await db.refundRequest.findMany({ where: { batchId, state: "awaiting_approval" }, orderBy: { id: "asc" }, take })).map(requestRowOf);
}

/** Who approved members of a batch so far, and how many each. */
export async function batchApprovers(db: Db, batchId: string): Promise<{ approverId: string; verdict: string; n: number }[]> {
  return db.$queryRaw(Prisma.sql`
    SELECT a.approver_id AS "approverId", a.verdict, count(*)::int AS n
      FROM approvals a JOIN refund_requests r ON r.id = a.request_id
     WHERE r.batch_id = ${batchId} GROUP BY a.approver_id, a.verdict ORDER BY min(a.id)`);
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

export type BatchVerdictOutcome =
  | { kind: "none_pending" }
  | { kind: "own_batch" }
  /** This approver had answered every pending member already. */
  | { kind: "duplicate"; count: number }
  | { kind: "done"; moved: MovedMember[]; recorded: MovedMember[]; alreadyAnswered: number };

interface LockedMember {
  id: number;
  approvals_required: number;
  requested_by: string;
}

/**
 * One approver's verdict on every member of a batch that waits for approval, in one transaction
 * that holds those members' row locks (taken in id order, as a single click takes one): two
 * approvers clicking at once, a double click, or a single Approve on one member meanwhile, settle
 * each member exactly once. Each member gets the approval row and the audit row that a single
 * click gives it; a member needing more approvers than it now has stays pending.
 */
export async function recordBatchVerdict(
  db: Db,
  input: { batchId: string; approverId: string; verdict: "approve" | "reject"; reason?: string },
): Promise<BatchVerdictOutcome> {
  const { batchId, approverId, verdict } = input;
  return db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<LockedMember[]>(Prisma.sql`
        SELECT id, approvals_required, requested_by FROM refund_requests
         WHERE batch_id = ${batchId} AND state = 'awaiting_approval' ORDER BY id FOR UPDATE`);
      if (locked.length === 0) return { kind: "none_pending" };
      if (locked.some((m) => m.requested_by === approverId)) return { kind: "own_batch" };
      const ids = locked.map((m) => m.id);
      const inserted = await tx.$queryRaw<{ request_id: number }[]>(Prisma.sql`
        INSERT INTO approvals (request_id, approver_id, verdict, reason)
        SELECT unnest(${ids}::int[]), ${approverId}, ${verdict}, ${input.reason ?? null}
        ON CONFLICT (request_id, approver_id) DO NOTHING RETURNING request_id`);
      if (inserted.length === 0) return { kind: "duplicate", count: ids.length };
      const fresh = new Set(inserted.map((r) => r.request_id));
      const answered = locked.filter((m) => fresh.has(m.id));

      type Step = { id: number; to: RequestState; action: string; detail: Record<string, unknown>; move: boolean };
      let steps: Step[];
      if (verdict === "reject") {
        steps = answered.map((m) => ({ id: m.id, to: "denied", action: "denied", detail: { approver: approverId, reason: input.reason ?? "", batchId }, move: true }));
      } else {
        const approvals = await tx.$queryRaw<{ request_id: number; approvers: string[] }[]>(Prisma.sql`
          SELECT request_id, array_agg(approver_id ORDER BY id) AS approvers FROM approvals
           WHERE request_id = ANY(${[...fresh]}::int[]) AND verdict = 'approve' GROUP BY request_id`);
        const approversOf = new Map(approvals.map((a) => [a.request_id, a.approvers]));
        steps = answered.map((m) => {
          const approvers = approversOf.get(m.id) ?? [approverId];
          const remaining = Math.max(0, m.approvals_required - approvers.length);
          if (remaining > 0) return { id: m.id, to: "awaiting_approval", action: "approval_given", detail: { approver: approverId, remaining, batchId }, move: false };
          // Every approved member goes to execution, a manual one (C7) too, as a single approval does (recordVerdict).
          return { id: m.id, to: "approved", action: "approved", detail: { approvers, batchId }, move: true };
        });
      }
      const rows = JSON.stringify(steps.map((s) => ({ id: s.id, to_state: s.to, action: s.action, detail: s.detail })));
      // Same state, new content (who approved so far) is a new version too, so its messages are redrawn.
      const changed = await tx.$queryRaw<{ id: number; version: number; to_state: RequestState }[]>(Prisma.sql`
        WITH d AS (SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS x(id int, to_state text, action text, detail jsonb)),
        changed AS (
          UPDATE refund_requests r SET state = d.to_state, version = r.version + 1, updated_at = now()
            FROM d WHERE r.id = d.id AND r.state = 'awaiting_approval'
          RETURNING r.id, r.version, d.to_state, d.action, d.detail
        ), audited AS (
          INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
          SELECT id, 'user', ${approverId}, action, 'awaiting_approval', to_state, detail FROM changed
          RETURNING request_id
        )
        SELECT changed.id, changed.version, changed.to_state FROM changed JOIN audited ON audited.request_id = changed.id`);
      const all = changed.map((c) => ({ requestId: c.id, to: c.to_state, version: c.version }));
      return {
        kind: "done",
        moved: all.filter((m) => m.to !== "awaiting_approval"),
        recorded: all.filter((m) => m.to === "awaiting_approval"),
        alreadyAnswered: locked.length - answered.length,
      };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** Expires every member still waiting for approval (the batch's expiry timer), each with its audit row. */
export async function expirePendingMembers(db: Db, batchId: string, afterMs: number, actor: Actor): Promise<MovedMember[]> {
  const moved = await db.$queryRaw<{ id: number; version: number }[]>(Prisma.sql`
    WITH moved AS (
      UPDATE refund_requests SET state = 'expired', version = version + 1, updated_at = now()
       WHERE batch_id = ${batchId} AND state = 'awaiting_approval'
      RETURNING id, version
    ), audited AS (
      INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
      SELECT id, ${actor.type}, ${actor.id}, 'expired', 'awaiting_approval', 'expired', ${JSON.stringify({ afterMs, batchId })}::jsonb FROM moved
      RETURNING request_id
    )
    SELECT moved.id, moved.version FROM moved JOIN audited ON audited.request_id = moved.id`);
  return moved.map((m) => ({ requestId: m.id, to: "expired" as const, version: m.version }));
}
