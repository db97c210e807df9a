import { Prisma } from "../generated/prisma/client";
import type { AuditEvent, RefundRequest as RequestRow } from "../generated/prisma/client";
import type { Decision } from "../domain/decision";
import type { Order, Platform } from "../domain/order";
import type { Initiator, Reason, RequestKind } from "../domain/request";
import type { RequestState } from "../domain/request-state";
import type { Db } from "./client";

export type { RequestRow, AuditEvent };

/** Who caused a change: a Slack user, a worker, or an intake source. */
export interface Actor {
  type: "user" | "system" | "intake";
  id: string;
}

export const SYSTEM: Actor = { type: "system", id: "refund-desk" };

export type RequestOrigin = "slack" | "intake" | "bulk" | "cli";

export interface NewRequest {
  platform: Platform;
  orderId: string;
  kind: RequestKind;
  initiator: Initiator;
  reason: Reason;
  amount?: number;
  currency: string;
  notifyCustomer: boolean;
  flagCustomer: boolean;
  returnReceived: boolean;
  note?: string;
  requestedAt: Date;
  requestedBy: string;
  origin: RequestOrigin;
  originChannel?: string;
  /** A retried submission with the same key finds the first request instead of filing a second. */
  idempotencyKey?: string;
  /** The customer's own words (intake). */
  customerMessage?: string;
  /** The customer has filed a cancel request for this order (Q4, Q11). */
  customerFiledCancel?: boolean;
  batchId?: string;
}

/**
 * Stores a new request in state `submitted` together with its first audit row, in one statement
 * (a data-modifying CTE is atomic): there is never a request without its trail. When the
 * idempotency key was seen before, nothing is written and the first request is returned.
 */
export async function fileRequest(db: Db, request: NewRequest, actor: Actor): Promise<{ id: number; created: boolean }> {
  const rows = await db.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH filed AS (
      INSERT INTO refund_requests (platform, order_id, kind, initiator, reason, amount, currency, notify_customer, flag_customer,
                                   return_received, note, requested_at, requested_by, origin, origin_channel, idempotency_key,
                                   customer_message, customer_filed_cancel, batch_id, state)
      VALUES (${request.platform}, ${request.orderId}, ${request.kind}, ${request.initiator}, ${request.reason},
              ${request.amount ?? null}::int, ${request.currency}, ${request.notifyCustomer}, ${request.flagCustomer},
              ${request.returnReceived}, ${request.note ?? null}, ${request.requestedAt}, ${request.requestedBy},
              ${request.origin}, ${request.originChannel ?? null}, ${request.idempotencyKey ?? null},
              ${request.customerMessage ?? null}, ${request.customerFiledCancel ?? false}, ${request.batchId ?? null}, 'submitted')
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id, state
    )
    INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
    SELECT id, ${actor.type}, ${actor.id}, 'filed', NULL, state, ${JSON.stringify({ origin: request.origin })}::jsonb FROM filed
    RETURNING request_id AS id`);
  const row = rows[0];
  if (row) return { id: row.id, created: true };
  const existing = request.idempotencyKey
    ? await db.refundRequest.findUnique({ where: { idempotencyKey: request.idempotencyKey }, select: { id: true } })
    : null;
  if (!existing) throw new Error("filing a request wrote nothing and found no earlier request");
  return { id: existing.id, created: false };
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
}

export type TransitionResult = { moved: true; version: number; auditId: bigint } | { moved: false };

/**
 * Moves a request from one of `from` to `to` and appends the audit row, atomically. When another
 * writer moved it first (the state is no longer in `from`), nothing is written and `moved` is false:
 * that is how two approvers clicking at once, or a job running twice, change nothing twice.
 */
export async function transitionRequest(db: Db, t: Transition): Promise<TransitionResult> {
  const decision = t.set?.decision ? JSON.stringify(t.set.decision) : null;
  const snapshot = t.set?.orderSnapshot ? JSON.stringify(t.set.orderSnapshot) : null;
  const rows = await db.$queryRaw<{ version: number; audit_id: bigint }[]>(Prisma.sql`
    WITH moved AS (
      UPDATE refund_requests r
         SET state = ${t.to}, version = r.version + 1, updated_at = now(),
             decision = COALESCE(${decision}::jsonb, r.decision),
             engine_version = COALESCE(${t.set?.engineVersion ?? null}, r.engine_version),
             order_snapshot = COALESCE(${snapshot}::jsonb, r.order_snapshot),
             approvals_required = COALESCE(${t.set?.approvalsRequired ?? null}::int, r.approvals_required)
        FROM refund_requests before
       WHERE r.id = ${t.requestId} AND before.id = r.id AND r.state = ANY(${[...t.from]}::text[])
      RETURNING r.id, r.version, before.state AS from_state
    ), audited AS (
      INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
      SELECT id, ${t.actor.type}, ${t.actor.id}, ${t.action}, from_state, ${t.to}, ${JSON.stringify(t.detail ?? {})}::jsonb FROM moved
      RETURNING id
    )
    SELECT moved.version, audited.id AS audit_id FROM moved, audited`);
  const row = rows[0];
  return row ? { moved: true, version: row.version, auditId: row.audit_id } : { moved: false };
}

/** Appends an audit row that records an event without a change of state (e.g. a refused click). */
export async function recordAudit(db: Db, requestId: number, actor: Actor, action: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.auditEvent.create({ data: { requestId, actorType: actor.type, actor: actor.id, action, detail: detail as Prisma.InputJsonObject } });
}

export function getRequest(db: Db, id: number): Promise<RequestRow | null> {
  return db.refundRequest.findUnique({ where: { id } });
}

export function auditTrail(db: Db, requestId: number): Promise<AuditEvent[]> {
  return db.auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } });
}

/** Remembers the request's message in the requests channel, once: the first post wins. */
export async function rememberThread(db: Db, requestId: number, channel: string, ts: string): Promise<boolean> {
  const { count } = await db.refundRequest.updateMany({ where: { id: requestId, threadTs: null }, data: { threadChannel: channel, threadTs: ts } });
  return count === 1;
}

/** Requests stuck in `submitted` since before `olderThan`: their evaluate job may have been lost. */
export function findStaleSubmitted(db: Db, olderThan: Date, limit = 500): Promise<{ id: number }[]> {
  return db.refundRequest.findMany({ where: { state: "submitted", createdAt: { lt: olderThan } }, select: { id: true }, take: limit, orderBy: { id: "asc" } });
}
