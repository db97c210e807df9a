import type { Decision } from "../domain/decision";
import type { Order } from "../domain/order";
import type { RequestState } from "../domain/request-state";
import type { Db } from "./client";
import { inLockOrder } from "./lock-order";
import { APPROVAL_TIMER_ON_MOVE, type Actor } from "./requests";

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

const DECIDE_MEMBERS_SQL = `WITH d AS (
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
 SELECT moved.id, moved.version, moved.to_state FROM moved JOIN audited ON audited.request_id = moved.id`;

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
  const moved = await db.sql.rows<{ id: number; version: number; to_state: RequestState }>("decide_members", DECIDE_MEMBERS_SQL, [rows, actor.type, actor.id, approvalFirstLookMs]);
  return moved.map((m) => ({ requestId: m.id, to: m.to_state, version: m.version }));
}

const EXPIRE_PENDING_MEMBERS_SQL = `WITH moved AS (
   UPDATE refund_requests SET state = 'expired', version = version + 1, updated_at = now()
    WHERE batch_id = $1 AND state = 'awaiting_approval'
   RETURNING id, version
 ), audited AS (
   INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
   SELECT id, $2::text, $3::text, 'expired', 'awaiting_approval', 'expired', $4::jsonb FROM moved
   RETURNING request_id
 )
 SELECT moved.id, moved.version FROM moved JOIN audited ON audited.request_id = moved.id`;

/** Expires every member still waiting for approval (the batch's expiry timer), each with its audit row. */
export async function expirePendingMembers(db: Db, batchId: string, afterMs: number, actor: Actor): Promise<MovedMember[]> {
  const moved = await db.sql.rows<{ id: number; version: number }>("expire_pending_members", EXPIRE_PENDING_MEMBERS_SQL, [batchId, actor.type, actor.id, JSON.stringify({ afterMs, batchId })]);
  return moved.map((m) => ({ requestId: m.id, to: "expired" as const, version: m.version }));
}
