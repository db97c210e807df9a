import type { Effect as EffectRow } from "../generated/prisma/client";
import { AUDIT_DETAIL } from "../domain/audit-actions";
import type { EffectStatus, PlannedEffect } from "../domain/execution-plan";
import type { Db } from "./client";
import { SYSTEM, type Actor } from "./requests";

export type { EffectRow };

/**
 * Stores a request's plan, once: effects already stored (by an earlier run) are kept as they are,
 * so a retry carries on with the plan the first run made, whatever changed in between.
 */
export async function ensureEffects(db: Db, requestId: number, plan: readonly PlannedEffect[]): Promise<void> {
  if (plan.length === 0) return;
  const rows = JSON.stringify(
    plan.map((effect, seq) => ({
      kind: effect.kind,
      seq,
      provider: effect.provider,
      via: effect.via,
      params: { ...effect.params, ...(effect.includedIn ? { includedIn: effect.includedIn } : {}) },
      // A refund handed to a person (C7) becomes `manual` once it is claimed on its order (claimRefund).
      status: "pending",
    })),
  );
  await db.sql.rows(
    "ensure_effects",
    `INSERT INTO effects (request_id, kind, seq, provider, via, params, status)
     SELECT $1::int, x.kind, x.seq, x.provider, x.via, x.params, x.status
     FROM jsonb_to_recordset($2::jsonb) AS x(kind text, seq int, provider text, via text, params jsonb, status text)
     ON CONFLICT (request_id, kind) DO NOTHING`,
    [requestId, rows],
  );
}

export function listEffects(db: Db, requestId: number): Promise<EffectRow[]> {
  return db.effect.findMany({ where: { requestId }, orderBy: { seq: "asc" } });
}

const START_EFFECT_SQL = `UPDATE effects SET status = 'started', attempt = attempt + 1, started_at = now(), updated_at = now(),
        params = COALESCE($2::jsonb, params)
  WHERE id = $1 AND status IN ('pending', 'started', 'failed') RETURNING id`;

/**
 * Marks an effect as called: from here until it is recorded done, its outcome is unknown, and a
 * later run reconciles with the provider before calling again. `params` replaces the stored ones
 * (e.g. with the refund ids seen before the first call).
 */
export async function startEffect(db: Db, effectId: number, params?: Record<string, unknown>): Promise<void> {
  const updated = (await db.sql.rows("start_effect", START_EFFECT_SQL, [effectId, params ? JSON.stringify(params) : null])).length;
  if (updated !== 1) throw new Error(`effect ${effectId} could not be started: it is done or handed to a person`);
}

/** A refund that does not fit in what is left of its order (`refundable`), refunds in flight counted. */
export type RefundClaim = { ok: true } | { ok: false; refundable: number };

/**
 * Claims a refund on its order, under a lock on the order, as it starts: the order's total, less what
 * was refunded, less the other refunds of the order in flight (started and not yet recorded done,
 * or handed to a person), must cover `amount`. Then, in the same transaction, the effect is marked
 * `started` (about to call its provider; `params` as in `startEffect`) or `manual` (a person refunds
 * it, C7). Two refunds of one order starting at once are checked one after the other. An order not
 * in the store is not checked here (its provider checks).
 */
export async function claimRefund(db: Db, effect: { id: number; requestId: number }, amount: number, as: "started" | "manual", params?: Record<string, unknown>): Promise<RefundClaim> {
  return db.sql.transaction(async (tx) => {
    const [order] = await tx.rows<{ platform: string; order_id: string; left: number }>(
      "claim_refund_lock_order",
      `SELECT o.platform, o.order_id, o.total - o.refunded AS left
         FROM refund_requests r JOIN orders o ON o.platform = r.platform AND o.order_id = r.order_id
        WHERE r.id = $1
          FOR UPDATE OF o`,
      [effect.requestId],
    );
    if (order) {
      const [inFlight] = await tx.rows<{ amount: number }>(
        "claim_refund_in_flight",
        `SELECT COALESCE(sum((e.params->>'amount')::bigint), 0)::bigint AS amount
           FROM refund_requests r JOIN effects e ON e.request_id = r.id
          WHERE r.platform = $1 AND r.order_id = $2
            AND e.kind = 'refund' AND e.status IN ('started', 'manual') AND e.id <> $3`,
        [order.platform, order.order_id, effect.id],
      );
      const refundable = Number(order.left) - Number(inFlight?.amount ?? 0);
      if (amount > refundable) return { ok: false, refundable: Math.max(0, refundable) };
    }
    const updated = (
      as === "started"
        ? await tx.rows("start_effect", START_EFFECT_SQL, [effect.id, params ? JSON.stringify(params) : null])
        : await tx.rows("hand_effect_to_person", `UPDATE effects SET status = 'manual', updated_at = now() WHERE id = $1 AND status IN ('pending', 'failed') RETURNING id`, [effect.id])
    ).length;
    if (updated !== 1) throw new Error(`refund ${effect.id} could not be claimed: it is done or handed to a person`);
    return { ok: true };
  });
}

/** The request's version after an effect change, or null when nothing changed (already in that state). */
export type EffectChange = { version: number; state: string } | null;

export interface EffectDone {
  effectId: number;
  kind: string;
  provider: string;
  reference: string;
  alreadyDone: boolean;
  amount?: number;
  /** Recorded in place of the stored provider (a refund marked done by hand). */
  asProvider?: string;
  asVia?: "manual";
  /** Merged into the stored params (e.g. the notice's locale). */
  params?: Record<string, unknown>;
  actor?: Actor;
}

const FINISH_EFFECT_SQL = `WITH changed AS (
   UPDATE effects SET status = 'done', reference = $2::text, already_done = $3::boolean, done_at = now(), updated_at = now(),
          provider = COALESCE($4::text, provider), via = COALESCE($5::text, via),
          params = params || $6::jsonb
    WHERE id = $1 AND status <> 'done'
   RETURNING request_id
 ), bumped AS (
   UPDATE refund_requests r SET version = r.version + 1, updated_at = now() FROM changed WHERE r.id = changed.request_id
   RETURNING r.id, r.version, r.state, r.platform, r.order_id
 ), credited AS (
   -- Never beyond the total (the table's check): what a provider reported beyond it is in the effect's params.
   UPDATE orders o SET refunded = LEAST(o.total, o.refunded + $7::bigint), updated_at = now()
     FROM bumped b WHERE $7::bigint IS NOT NULL AND o.platform = b.platform AND o.order_id = b.order_id
   RETURNING 1
 ), audited AS (
   INSERT INTO audit_events (request_id, actor_type, actor, action, detail)
   SELECT id, $8::text, $9::text, 'effect_done', $10::jsonb FROM bumped
   RETURNING id
 )
 SELECT bumped.version, bumped.state FROM bumped, audited`;

/**
 * Records an effect as done with the provider's reference, its `effect_done` audit row, and a new
 * request version (so the request's Slack message shows it), in one statement. A refund also adds
 * what the provider reported (`amount`) to its order's refunded total, and keeps it as the effect's
 * `refunded`, in that same statement: the order's remainder is never behind the money that left.
 * Nothing is written when the effect was already done.
 */
export async function finishEffect(db: Db, done: EffectDone): Promise<EffectChange> {
  const detail = AUDIT_DETAIL.effect_done.parse({
    effect: done.kind,
    provider: done.asProvider ?? done.provider,
    reference: done.reference,
    ...(done.alreadyDone ? { alreadyDone: true } : {}),
    ...(done.amount !== undefined ? { amount: done.amount } : {}),
  });
  const actor = done.actor ?? SYSTEM;
  const credit = done.kind === "refund" && done.amount !== undefined ? done.amount : null;
  const params = { ...done.params, ...(credit !== null ? { refunded: credit } : {}) };
  const rows = await db.sql.rows<{ version: number; state: string }>("finish_effect", FINISH_EFFECT_SQL, [
    done.effectId, done.reference, done.alreadyDone, done.asProvider ?? null, done.asVia ?? null, JSON.stringify(params), credit, actor.type, actor.id, JSON.stringify(detail),
  ]);
  return rows[0] ?? null;
}

export interface EffectFailure {
  effectId: number;
  kind: string;
  provider: string;
  code: string;
  message: string;
  permanent: boolean;
  /** Where the effect goes: `failed` (refused for good), `manual` (C7), `pending` (nothing happened), `started` (it may have happened). */
  status: Exclude<EffectStatus, "done">;
}

const FAIL_EFFECT_SQL = `WITH changed AS (
   UPDATE effects SET status = $2::text, error_code = $3::text, error_message = $4::text, updated_at = now()
    WHERE id = $1 AND status <> 'done'
   RETURNING request_id
 ), bumped AS (
   UPDATE refund_requests r SET version = r.version + 1, updated_at = now() FROM changed WHERE r.id = changed.request_id
   RETURNING r.id, r.version, r.state
 ), audited AS (
   INSERT INTO audit_events (request_id, actor_type, actor, action, detail)
   SELECT id, $5::text, $6::text, 'effect_failed', $7::jsonb FROM bumped
   RETURNING id
 )
 SELECT bumped.version, bumped.state FROM bumped, audited`;

/** Records a provider's refusal or failure on an effect, with its `effect_failed` audit row and a new request version. */
export async function failEffect(db: Db, failure: EffectFailure): Promise<EffectChange> {
  const message = failure.message.slice(0, 1000);
  const detail = AUDIT_DETAIL.effect_failed.parse({ effect: failure.kind, provider: failure.provider, code: failure.code, message, permanent: failure.permanent });
  const rows = await db.sql.rows<{ version: number; state: string }>("fail_effect", FAIL_EFFECT_SQL, [
    failure.effectId, failure.status, failure.code, message, SYSTEM.type, SYSTEM.id, JSON.stringify(detail),
  ]);
  return rows[0] ?? null;
}

/** Of these provider refund ids, the ones another request has recorded as its own refund. */
export async function refundsAttributedElsewhere(db: Db, provider: string, references: readonly string[], requestId: number): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await db.effect.findMany({
    where: { provider, kind: "refund", via: "call", reference: { in: [...references] }, requestId: { not: requestId } },
    select: { reference: true },
  });
  return new Set(rows.flatMap((row) => (row.reference ? [row.reference] : [])));
}

/** Requests that should be executing but may have lost their job: approved or executing, untouched since `olderThan`. */
export function findStalledExecutions(db: Db, olderThan: Date, limit = 200): Promise<{ id: number; version: number }[]> {
  return db.refundRequest.findMany({
    where: { state: { in: ["approved", "executing"] }, updatedAt: { lt: olderThan } },
    select: { id: true, version: true },
    orderBy: { id: "asc" },
    take: limit,
  });
}
