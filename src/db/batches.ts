import { Prisma } from "../generated/prisma/client";
import type { Batch, BatchEvent } from "../generated/prisma/client";
import { batchItemSchema, type BatchItem, type BatchShared, type BatchSource, type SkippedItem } from "../domain/bulk/batch-items";
import type { StateCounts } from "../domain/bulk/batch-progress";
import { floorsOf, type BatchFloors } from "../domain/batch-approval";
import type { RequestState } from "../domain/request-state";
import type { Actor } from "./requests";
import type { Db } from "./client";

/**
 * A batch as its readers see it: everything but its lines (`batches.items`, up to 10,000 of them),
 * which only filing and the results CSV read, with `batchItems`. Every sync, timer and click reads
 * the batch; none of them needs its lines.
 */
export type BatchRow = Omit<Batch, "items">;
export type { BatchEvent };

export interface NewBatch {
  shared: BatchShared;
  createdBy: string;
  originChannel?: string;
  source: BatchSource;
  items: readonly BatchItem[];
  skipped: readonly SkippedItem[];
}

/**
 * Stores what the agent is about to confirm, in state `draft`: the modal only carries the batch id
 * (Slack's private_metadata holds 3,000 characters, a CSV of 10,000 orders far more). Plain SQL:
 * through the ORM, the lines went into its WebAssembly query engine, whose memory never shrinks.
 */
export async function createDraftBatch(db: Db, batch: NewBatch): Promise<string> {
  const shared = sharedColumns(batch.shared);
  const [row] = await db.sql.rows<{ id: string }>(
    "create_draft_batch",
    `INSERT INTO batches (state, kind, initiator, reason, notify_customer, flag_customer, return_received, note, created_by, origin_channel, source, items, skipped, item_count)
     VALUES ('draft', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13)
     RETURNING id`,
    [
      shared.kind, shared.initiator, shared.reason, shared.notifyCustomer, shared.flagCustomer, shared.returnReceived, shared.note,
      batch.createdBy, batch.originChannel ?? null, batch.source, JSON.stringify(batch.items), JSON.stringify(batch.skipped), batch.items.length,
    ],
  );
  return row!.id;
}

function sharedColumns(shared: BatchShared) {
  return {
    kind: shared.kind,
    initiator: shared.initiator,
    reason: shared.reason ?? null,
    notifyCustomer: shared.notifyCustomer,
    flagCustomer: shared.flagCustomer,
    returnReceived: shared.returnReceived,
    note: shared.note ?? null,
  };
}

export function getBatch(db: Db, id: string): Promise<BatchRow | null> {
  return db.batch.findUnique({ where: { id }, omit: { items: true } });
}

/** A batch's lines (none if it does not exist), read with plain SQL: the ORM would keep copies of a 10,000-line value. */
export async function batchItems(db: Db, id: string): Promise<BatchItem[]> {
  const [row] = await db.sql.rows<{ items: unknown }>("batch_items", "SELECT items FROM batches WHERE id = $1", [id]);
  return row ? batchItemSchema.array().parse(row.items) : [];
}

export type ConfirmResult = { kind: "confirmed"; batch: BatchRow } | { kind: "already"; batch: BatchRow } | { kind: "not_found" } | { kind: "not_yours"; batch: BatchRow };

/**
 * The agent confirmed: the draft takes the shared fields and becomes `filing`, once. A second
 * submission of the same modal (a double click, Slack redelivering) finds it confirmed already.
 */
export async function confirmBatch(db: Db, id: string, userId: string, shared: BatchShared): Promise<ConfirmResult> {
  const { count } = await db.batch.updateMany({
    where: { id, state: "draft", createdBy: userId },
    data: { ...sharedColumns(shared), state: "filing", confirmedAt: new Date() },
  });
  const batch = await getBatch(db, id);
  if (!batch) return { kind: "not_found" };
  if (batch.createdBy !== userId) return { kind: "not_yours", batch };
  return count === 1 ? { kind: "confirmed", batch } : { kind: "already", batch };
}

/** The batch total's approval floors, computed once when the members are filed; a resumed filing keeps the first. */
export async function setApprovalFloor(db: Db, id: string, floors: BatchFloors): Promise<BatchFloors> {
  await db.batch.updateMany({ where: { id, approvalFloor: { equals: Prisma.AnyNull } }, data: { approvalFloor: floors } });
  const batch = await db.batch.findUniqueOrThrow({ where: { id }, select: { approvalFloor: true } });
  return floorsOf(batch)!;
}

/** Moves a batch from one state to the next; false when it was not in `from` (someone else moved it). */
export async function moveBatch(db: Db, id: string, from: "filing" | "running", to: "running" | "finished"): Promise<boolean> {
  const { count } = await db.batch.updateMany({ where: { id, state: from }, data: { state: to, ...(to === "finished" ? { finishedAt: new Date() } : {}) } });
  return count === 1;
}

/** How many members are in each state: one indexed GROUP BY, however large the batch. */
export async function stateCounts(db: Db, batchId: string): Promise<StateCounts> {
  const rows = await db.refundRequest.groupBy({ by: ["state"], where: { batchId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.state as RequestState, r._count._all]));
}

export type BatchAction = "confirmed" | "filed" | "finished" | "approved_all" | "rejected_all" | "approve_all_refused" | "reminder_sent" | "escalated" | "expired";

export async function recordBatchEvent(db: Db, batchId: string, actor: Actor, action: BatchAction, detail: Record<string, unknown> = {}): Promise<bigint> {
  const row = await db.batchEvent.create({ data: { batchId, actorType: actor.type, actor: actor.id, action, detail: detail as Prisma.InputJsonObject }, select: { id: true } });
  return row.id;
}

/** A batch event recorded once, e.g. by a job that may run twice. */
export async function recordBatchEventOnce(db: Db, batchId: string, actor: Actor, action: BatchAction, detail: Record<string, unknown> = {}): Promise<void> {
  const already = await db.batchEvent.count({ where: { batchId, action } });
  if (already === 0) await recordBatchEvent(db, batchId, actor, action, detail);
}

export function batchEvents(db: Db, batchId: string): Promise<BatchEvent[]> {
  return db.batchEvent.findMany({ where: { batchId }, orderBy: { id: "asc" } });
}

/** Remembers a batch message, once: the first post wins. */
export async function rememberBatchMessage(db: Db, id: string, which: "message" | "approval", channel: string, ts: string): Promise<void> {
  if (which === "message") await db.batch.updateMany({ where: { id, messageTs: null }, data: { messageChannel: channel, messageTs: ts } });
  else await db.batch.updateMany({ where: { id, approvalTs: null }, data: { approvalChannel: channel, approvalTs: ts } });
}

/** What a batch message now shows, so that the next sync skips an update that changes nothing. */
export async function rememberShown(db: Db, id: string, which: "message" | "approval", shown: string): Promise<void> {
  await db.batch.update({ where: { id }, data: which === "message" ? { messageShown: shown } : { approvalShown: shown } });
}

/** Batches confirmed before `olderThan` and not finished: their jobs may have been lost (e.g. Redis restarted). */
export function unfinishedBatches(db: Db, olderThan: Date, limit = 100): Promise<Pick<BatchRow, "id" | "state">[]> {
  return db.batch.findMany({ where: { state: { in: ["filing", "running"] }, confirmedAt: { lt: olderThan } }, select: { id: true, state: true }, orderBy: { confirmedAt: "asc" }, take: limit });
}
