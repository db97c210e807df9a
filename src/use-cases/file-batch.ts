import { SYSTEM } from "../domain/actor";
import type { BatchRow, ConfirmResult } from "./ports/store";
import type { UseCaseDeps } from "./ports/use-case-deps";
import { orderKey, type BatchItem, type BatchShared } from "../domain/bulk/batch-items";
import { resolveLines, idsToLookUp, type BulkLine, type Resolution } from "../domain/bulk/resolve-lines";
import { batchApprovalFloors, floorsOf, type BatchFloors, type BatchMemberDecision } from "../domain/batch-approval";
import { evaluateBatch } from "../domain/policy";
import { refundRequestSchema, type RefundRequest } from "../domain/request";
import type { BatchSource } from "../domain/bulk/batch-items";

export class BatchNotFoundError extends Error {}

export interface DraftInput {
  lines: readonly BulkLine[];
  source: BatchSource;
  shared: BatchShared;
  createdBy: string;
  originChannel?: string;
}

/**
 * Recognises the orders of a bulk request (one query for all of them) and stores the draft the
 * agent reviews: no draft when nothing was recognised, nor when a line asks more than its order's
 * total (the agent corrects it first).
 */
export async function draftBatch(services: Pick<UseCaseDeps, "store">, input: DraftInput): Promise<{ batchId: string | null; resolution: Resolution }> {
  const known = await services.store.knownOrders(idsToLookUp(input.lines));
  const resolution = resolveLines(input.lines, known);
  if (resolution.items.length === 0 || resolution.overTotal.length > 0) return { batchId: null, resolution };
  const batchId = await services.store.createDraftBatch({
    shared: input.shared,
    createdBy: input.createdBy,
    ...(input.originChannel ? { originChannel: input.originChannel } : {}),
    source: input.source,
    items: resolution.items,
    skipped: resolution.skipped,
  });
  return { batchId, resolution };
}

/**
 * The agent confirmed the bulk modal: the batch is `filing` and its filing is queued. Once
 * confirmed it is filed: if queueing fails, the batch sweeper finds it and queues it again.
 */
export async function confirmDraft(services: UseCaseDeps, batchId: string, userId: string, shared: BatchShared): Promise<ConfirmResult> {
  const result = await services.store.confirmBatch(batchId, userId, shared);
  if (result.kind !== "confirmed") return result;
  await services.store.recordBatchEvent(batchId, { type: "user", id: userId }, "confirmed", { orders: result.batch.itemCount });
  try {
    await services.queues.enqueue("file-batch", { batchId });
    await services.queues.enqueue("sync-batch", { batchId });
  } catch (error) {
    services.log.warn({ err: error, batchId }, "batch confirmed but not queued: the batch sweeper will queue it");
  }
  return result;
}

/** A member's request in the engine's vocabulary, before it is stored: for the batch total. */
function engineRequestOfItem(batch: BatchRow, item: BatchItem): RefundRequest {
  return refundRequestSchema.parse({
    kind: batch.kind,
    initiator: batch.initiator,
    reason: item.reason ?? batch.reason,
    ...(item.amount !== undefined ? { amount: item.amount } : {}),
    notifyCustomer: batch.notifyCustomer,
    flagCustomer: batch.flagCustomer,
    returnReceived: batch.returnReceived,
    requestedAt: (batch.confirmedAt ?? batch.createdAt).toISOString(),
  });
}

/** Members read and dry-run at a time for the batch total: the whole batch's orders and decisions at once took the worker past its memory budget. */
const FLOOR_SLICE = 1_000;

/**
 * The batch total that the thresholds apply to, per currency: a dry run of the engine over every
 * member (`evaluateBatch`, Q2) before any is filed, so that each member is routed knowing it. Done
 * a slice at a time, keeping of each decision only what the total needs: a batch holds each order
 * once (resolve-lines), so the slices' dry runs are the whole batch's.
 */
async function approvalFloors(services: UseCaseDeps, batch: BatchRow, items: readonly BatchItem[]): Promise<BatchFloors> {
  const members: BatchMemberDecision[] = [];
  for (let start = 0; start < items.length; start += FLOOR_SLICE) {
    const slice = items.slice(start, start + FLOOR_SLICE);
    const orders = new Map((await services.store.ordersByKeys(slice)).map((o) => [orderKey(o.platform, o.orderId), o]));
    const present = slice.flatMap((item) => {
      const order = orders.get(orderKey(item.platform, item.orderId));
      return order ? [{ order, request: engineRequestOfItem(batch, item) }] : [];
    });
    evaluateBatch(present).forEach(({ decision: { outcome, route, refundAmount } }, i) => members.push({ decision: { outcome, route, refundAmount }, currency: present[i]!.order.currency }));
  }
  return batchApprovalFloors(members, services.config.approvalPolicy);
}

/**
 * Files a confirmed batch: computes the batch total's approval floors, stores every member with its
 * audit row in a few multi-row statements, queues their evaluation in slices (BullMQ addBulk), and
 * marks the batch `running`. Every step is keyed (members by `batch:<id>:<platform>:<order>`, jobs
 * by batch and slice), so a run that died half-way is resumed by running it again: nothing is
 * filed, or queued, twice.
 */
export async function fileBatch(services: UseCaseDeps, batchId: string): Promise<void> {
  const { store, log, config } = services;
  const batch = await store.getBatch(batchId);
  if (!batch) throw new BatchNotFoundError(`batch ${batchId} does not exist`);
  if (batch.state === "draft") return;
  const items = await store.batchItems(batchId);
  if (!floorsOf(batch)) await store.setApprovalFloor(batchId, await approvalFloors(services, batch, items));
  if (batch.state === "filing") {
    const stored = await store.fileBatchMembers(batch, items, { type: "user", id: batch.createdBy });
    log.info({ batchId, stored, orders: items.length }, "batch members filed");
  }
  const members = await store.batchMembers(batchId);
  const idOf = new Map(members.map((m) => [`${m.platform}:${m.orderId}`, m.id]));
  const ids = items.map((item) => idOf.get(orderKey(item.platform, item.orderId))).filter((id): id is number => id !== undefined);
  const chunks: { batchId: string; chunk: number; requestIds: number[] }[] = [];
  for (let start = 0, chunk = 0; start < ids.length; start += config.bulkChunkSize, chunk++) {
    chunks.push({ batchId, chunk, requestIds: ids.slice(start, start + config.bulkChunkSize) });
  }
  await services.queues.enqueueMany("evaluate-batch", chunks);
  if (await store.moveBatch(batchId, "filing", "running")) await store.recordBatchEvent(batchId, SYSTEM, "filed", { members: members.length, slices: chunks.length });
  await services.queues.enqueue("sync-batch", { batchId });
}
