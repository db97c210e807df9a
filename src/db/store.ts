import type { Store } from "../use-cases/ports/store";
import { answersOf, recordVerdict } from "./approvals";
import { dueApprovalTimers, setNextApprovalTimers } from "./approval-timers";
import { fileBatchMembers } from "./batch-member-filing";
import { decideMembers, expirePendingMembers } from "./batch-member-moves";
import { batchMembers, submittedMembers } from "./batch-member-reads";
import { batchApprovers, pendingSummary } from "./batch-pending";
import { recordBatchVerdict } from "./batch-verdict";
import { knownOrders } from "./batch-orders";
import { batchEvents, batchItems, confirmBatch, createDraftBatch, getBatch, moveBatch, recordBatchEvent, recordBatchEventOnce, setApprovalFloor, stateCounts } from "./batches";
import type { Db } from "./client";
import { claimRefund, ensureEffects, failEffect, finishEffect, listEffects, refundsAttributedElsewhere, startEffect } from "./effects";
import { findRequestIdByKey } from "./intake-requests";
import { creditOrder, findOrder, findOrdersById, orderClaims, ordersByKeys, upsertOrders } from "./orders";
import { auditTrail, fileRequest, getRequest, recordAudit, transitionRequest } from "./requests";
import { decidedAmong, submittedAmongWithOrders } from "./submitted-requests";

/** The use cases' store (src/use-cases/ports/store.ts) on Postgres. */
export function createStore(db: Db): Store {
  return {
    getRequest: (id) => getRequest(db, id),
    fileRequest: (request, actor) => fileRequest(db, request, actor),
    transitionRequest: (t) => transitionRequest(db, t),
    recordAudit: (requestId, actor, action, detail) => recordAudit(db, requestId, actor, action, detail),
    auditTrail: (requestId) => auditTrail(db, requestId),
    countAudit: (requestId, action) => db.auditEvent.count({ where: { requestId, action } }),
    findRequestIdByKey: (key) => findRequestIdByKey(db, key),
    batchesOf: (ids) => db.refundRequest.findMany({ where: { id: { in: [...ids] } }, select: { id: true, batchId: true, threadTs: true } }),

    submittedAmongWithOrders: (ids, windowMs) => submittedAmongWithOrders(db, ids, windowMs),
    decidedAmong: (ids) => decidedAmong(db, ids),
    decideMembers: (moves, actor, firstLookMs) => decideMembers(db, moves, actor, firstLookMs),
    orderClaims: (order, requestId, windowMs) => orderClaims(db, order, requestId, windowMs),

    recordVerdict: (input) => recordVerdict(db, input),
    answersOf: (requestId) => answersOf(db, requestId),
    dueApprovalTimers: (limit) => dueApprovalTimers(db, limit),
    setNextApprovalTimers: (next) => setNextApprovalTimers(db, next),

    getBatch: (id) => getBatch(db, id),
    createDraftBatch: (batch) => createDraftBatch(db, batch),
    confirmBatch: (id, userId, shared) => confirmBatch(db, id, userId, shared),
    batchItems: (id) => batchItems(db, id),
    setApprovalFloor: (id, floors) => setApprovalFloor(db, id, floors),
    moveBatch: (id, from, to) => moveBatch(db, id, from, to),
    stateCounts: (batchId) => stateCounts(db, batchId),
    recordBatchEvent: (batchId, actor, action, detail) => recordBatchEvent(db, batchId, actor, action, detail),
    recordBatchEventOnce: (batchId, actor, action, detail) => recordBatchEventOnce(db, batchId, actor, action, detail),
    batchEvents: (batchId) => batchEvents(db, batchId),
    knownOrders: (orderIds) => knownOrders(db, orderIds),
    ordersByKeys: (keys) => ordersByKeys(db, keys),
    fileBatchMembers: (batch, items, actor) => fileBatchMembers(db, batch, items, actor),
    batchMembers: (batchId) => batchMembers(db, batchId),
    submittedMembers: (batchId, ids, windowMs) => submittedMembers(db, batchId, ids, windowMs),
    decidedMembers: (batchId, ids) =>
      db.refundRequest.findMany({ where: { id: { in: [...ids] }, batchId, state: { not: "submitted" } }, select: { id: true, state: true, version: true, threadTs: true } }),
    pendingSummary: (batchId) => pendingSummary(db, batchId),
    batchApprovers: (batchId) => batchApprovers(db, batchId),
    recordBatchVerdict: (input) => recordBatchVerdict(db, input),
    expirePendingMembers: (batchId, afterMs, actor) => expirePendingMembers(db, batchId, afterMs, actor),

    ensureEffects: (requestId, plan) => ensureEffects(db, requestId, plan),
    listEffects: (requestId) => listEffects(db, requestId),
    effectStatus: async (effectId) => (await db.effect.findUnique({ where: { id: effectId }, select: { status: true } }))?.status ?? null,
    startEffect: (effectId, params) => startEffect(db, effectId, params),
    claimRefund: (effect, amount, as, params) => claimRefund(db, effect, amount, as, params),
    finishEffect: (done) => finishEffect(db, done),
    failEffect: (failure) => failEffect(db, failure),
    refundsAttributedElsewhere: (provider, references, requestId) => refundsAttributedElsewhere(db, provider, references, requestId),
    creditOrder: (platform, orderId, amount) => creditOrder(db, platform, orderId, amount),

    findOrder: (platform, orderId) => findOrder(db, platform, orderId),
    findOrdersById: (orderId) => findOrdersById(db, orderId),
    upsertOrders: (orders, options) => upsertOrders(db, orders, options),
  };
}
