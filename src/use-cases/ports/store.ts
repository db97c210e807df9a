/**
 * What the use cases read and write in the database: the db adapter implements it
 * (src/db/store.ts). The rows are the adapter's own types, named here type-only: a second
 * declaration of every column would only drift from the schema.
 */
import type { Actor } from "../../domain/actor";
import type { BatchFloors } from "../../domain/batch-approval";
import type { BatchItem, BatchShared } from "../../domain/bulk/batch-items";
import type { StateCounts } from "../../domain/bulk/batch-progress";
import type { KnownOrder } from "../../domain/bulk/resolve-lines";
import type { PlannedEffect } from "../../domain/execution-plan";
import type { NewRequest } from "../../domain/request";
import type { Order, Platform } from "../../domain/order";
import type { Approval, Verdict, VerdictOutcome } from "../../db/approvals";
import type { DueApprovalTimer } from "../../db/approval-timers";
import type { MemberRef } from "../../db/batch-member-reads";
import type { MemberMove, MovedMember } from "../../db/batch-member-moves";
import type { PendingSummary } from "../../db/batch-pending";
import type { BatchVerdictOutcome } from "../../db/batch-verdict";
import type { BatchAction, BatchEvent, BatchRow, ConfirmResult, NewBatch } from "../../db/batches";
import type { EffectChange, EffectDone, EffectFailure, EffectRow, RefundClaim } from "../../db/effects";
import type { AuditEvent, RequestRow, Transition, TransitionResult } from "../../db/requests";
import type { DecidedRef, SubmittedWithOrder } from "../../db/submitted-requests";

export type { Approval, AuditEvent, BatchRow, ConfirmResult, DecidedRef, EffectChange, EffectRow, MemberMove, MovedMember, RequestRow, SubmittedWithOrder, Verdict };
/** The rows the projections read (src/use-cases/ports/projection-store.ts). */
export type { IntakeRequestSummary } from "../../db/intake-requests";
export type { MemberResultRow } from "../../db/batch-member-reads";
export type { Rendered, RequestProjection } from "../../db/request-projection";

/** A filing refused because its order has less left to refund than it asks (nothing, or less than its amount). */
export class ExceedsRefundable extends Error {
  constructor(
    readonly orderId: string,
    /** What is left: the total, less what was refunded, less what the order's open requests hold. */
    readonly refundable: number,
  ) {
    super(`order ${orderId} has ${refundable} left to refund`);
    this.name = "ExceedsRefundable";
  }
}

/** One request: filing, moving, its audit trail. */
export interface RequestStore {
  getRequest(id: number): Promise<RequestRow | null>;
  /** Stores a request with its first audit row; throws `ExceedsRefundable`; a repeated idempotency key finds the first. */
  fileRequest(request: NewRequest, actor: Actor): Promise<{ id: number; created: boolean }>;
  /** Moves a request from one of `t.from` with its audit row, atomically; `moved: false` when another writer moved it first. */
  transitionRequest(t: Transition): Promise<TransitionResult>;
  recordAudit(requestId: number, actor: Actor, action: string, detail?: Record<string, unknown>): Promise<void>;
  auditTrail(requestId: number): Promise<AuditEvent[]>;
  /** How many audit rows of this action the request has. */
  countAudit(requestId: number, action: string): Promise<number>;
  findRequestIdByKey(idempotencyKey: string): Promise<number | null>;
  /** Each request's batch, and whether it has a Slack thread of its own. */
  batchesOf(ids: readonly number[]): Promise<{ id: number; batchId: string | null; threadTs: string | null }[]>;
}

/** Many requests decided at once (the evaluation of a window's filings, a batch's slice). */
export interface DecisionStore {
  submittedAmongWithOrders(ids: readonly number[], windowMs: number): Promise<SubmittedWithOrder[]>;
  decidedAmong(ids: readonly number[]): Promise<DecidedRef[]>;
  /** Moves many requests out of `submitted`, each with its audit row; those moved first by another writer are left alone. */
  decideMembers(moves: readonly MemberMove[], actor: Actor, approvalFirstLookMs?: number): Promise<MovedMember[]>;
  /** What the order's other requests hold of it and refunded lately. */
  orderClaims(order: Pick<Order, "platform" | "orderId">, requestId: number, windowMs: number): Promise<Pick<Order, "pending" | "recentRefunds">>;
}

export interface ApprovalStore {
  recordVerdict(input: { requestId: number; approverId: string; verdict: Verdict; reason?: string }): Promise<VerdictOutcome>;
  answersOf(requestId: number): Promise<Approval[]>;
  dueApprovalTimers(limit: number): Promise<DueApprovalTimer[]>;
  setNextApprovalTimers(next: readonly { id: number; at: Date | null }[]): Promise<void>;
}

export interface BatchStore {
  getBatch(id: string): Promise<BatchRow | null>;
  createDraftBatch(batch: NewBatch): Promise<string>;
  confirmBatch(id: string, userId: string, shared: BatchShared): Promise<ConfirmResult>;
  batchItems(id: string): Promise<BatchItem[]>;
  setApprovalFloor(id: string, floors: BatchFloors): Promise<BatchFloors>;
  moveBatch(id: string, from: "filing" | "running", to: "running" | "finished"): Promise<boolean>;
  stateCounts(batchId: string): Promise<StateCounts>;
  recordBatchEvent(batchId: string, actor: Actor, action: BatchAction, detail?: Record<string, unknown>): Promise<bigint>;
  recordBatchEventOnce(batchId: string, actor: Actor, action: BatchAction, detail?: Record<string, unknown>): Promise<void>;
  batchEvents(batchId: string): Promise<BatchEvent[]>;
  knownOrders(orderIds: readonly string[]): Promise<KnownOrder[]>;
  ordersByKeys(keys: readonly { platform: string; orderId: string }[]): Promise<Order[]>;
  fileBatchMembers(batch: BatchRow, items: readonly BatchItem[], actor: Actor): Promise<number>;
  batchMembers(batchId: string): Promise<MemberRef[]>;
  submittedMembers(batchId: string, ids: readonly number[], windowMs: number): Promise<SubmittedWithOrder[]>;
  /** Members among `ids` that are decided, where they stand now. */
  decidedMembers(batchId: string, ids: readonly number[]): Promise<{ id: number; state: string; version: number; threadTs: string | null }[]>;
  pendingSummary(batchId: string): Promise<PendingSummary>;
  batchApprovers(batchId: string): Promise<{ approverId: string; verdict: string; n: number }[]>;
  recordBatchVerdict(input: { batchId: string; approverId: string; verdict: Verdict; reason?: string }): Promise<BatchVerdictOutcome>;
  expirePendingMembers(batchId: string, afterMs: number, actor: Actor): Promise<MovedMember[]>;
}

/** The effects ledger: what executing a request did at the providers. */
export interface EffectStore {
  ensureEffects(requestId: number, plan: readonly PlannedEffect[]): Promise<void>;
  listEffects(requestId: number): Promise<EffectRow[]>;
  effectStatus(effectId: number): Promise<string | null>;
  startEffect(effectId: number, params?: Record<string, unknown>): Promise<void>;
  claimRefund(effect: { id: number; requestId: number }, amount: number, as: "started" | "manual", params?: Record<string, unknown>): Promise<RefundClaim>;
  finishEffect(done: EffectDone): Promise<EffectChange>;
  failEffect(failure: EffectFailure): Promise<EffectChange>;
  refundsAttributedElsewhere(provider: string, references: readonly string[], requestId: number): Promise<Set<string>>;
  /** Adds a refund made outside the ledger to the order's refunded total, never beyond its total. */
  creditOrder(platform: Platform, orderId: string, amount: number): Promise<void>;
}

/** The local order store: what the bot knows of orders, and the cache of a platform's API. */
export interface OrderStore {
  findOrder(platform: Platform, orderId: string): Promise<Order | null>;
  findOrdersById(orderId: string): Promise<Order[]>;
  upsertOrders(orders: readonly Order[], options?: { keepHigherRefunded?: boolean }): Promise<{ added: number; updated: number }>;
}

export type Store = RequestStore & DecisionStore & ApprovalStore & BatchStore & EffectStore & OrderStore;
