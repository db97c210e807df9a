import type { Services } from "../app/services";
import { claimRefund, ensureEffects, failEffect, finishEffect, listEffects, refundsAttributedElsewhere, startEffect, type EffectChange, type EffectRow } from "../db/effects";
import { getRequest, SYSTEM, transitionRequest, type RequestRow } from "../db/requests";
import { AUDIT_DETAIL } from "../domain/audit-actions";
import { TemplateError } from "../domain/customer-notice";
import { decisionSchema, type Decision } from "../domain/decision";
import {
  matchRefund,
  noticeTemplateKind,
  PlanError,
  planExecution,
  refundParamsSchema,
  restoreParamsSchema,
  type EffectKind,
} from "../domain/execution-plan";
import { orderSchema, type Order } from "../domain/order";
import type { RefundRequest } from "../domain/request";
import type { RequestState } from "../domain/request-state";
import type { Logger } from "../observability/logger";
import { AmbiguousProviderError, isProviderError, ProviderError, type OrderSource } from "../providers/ports";
import { afterTransition } from "../use-cases/after-transition";
import { engineRequestOf, RequestNotFoundError } from "../use-cases/evaluate-request";
import { MANUAL_WHY } from "./manual-why";
import { NoticeTemplates } from "./notice-templates";
import { RequestLock } from "./request-lock";

export type ExecutionDeps = Pick<Services, "db" | "queues" | "providers" | "log" | "config" | "metrics"> & { notices?: NoticeTemplates };

export interface ExecutionOptions {
  /** The job's last attempt: a transient failure now fails the request instead of being retried. */
  finalAttempt: boolean;
}

export type ExecutionResult =
  /** Another worker holds the request's lock: it is executing it. */
  | "busy"
  /** Not approved nor executing (done, failed, manual, or never approved): nothing to do. */
  | "not_executable"
  | "completed"
  | "manual_pending"
  | "failed";

/** Permanent failures of our own (not a provider's): reported like a provider's, retryable by an approver. */
const OWN = "refund-desk";


interface Context {
  deps: ExecutionDeps;
  notices: NoticeTemplates;
  row: RequestRow;
  request: RefundRequest;
  decision: Decision;
  order: Order;
  log: Logger;
}

/**
 * Carries out an approved request at the providers, exactly once whatever fails:
 *
 * 1. Takes the request's execution lock (a Postgres advisory lock, see RequestLock): two workers
 *    never execute one request at once; a second one returns `busy`.
 * 2. approved → executing (`execution_started`), guarded, so a stale or duplicated job does nothing.
 * 3. Stores the plan (src/domain/execution-plan.ts) in the effects ledger, once.
 * 4. Runs each effect not yet done, in order: record started → call the provider → record done with
 *    the provider's reference (`effect_done`). An effect found `started` (a crash or an ambiguous
 *    answer) is reconciled first: a refund is looked for in the payment's refunds at the gateway
 *    (new since the first call, not another request's, same amount); a cancel reads the order.
 * 5. completed, or manual_pending (`manual_task_created`) when the refund went to a person (C7).
 *
 * A permanent provider error stops: `effect_failed` + `execution_failed`, request → failed (an
 * approver may retry); LINE Pay's 1163 hands the refund to a person instead. A transient one
 * throws, and the job is retried with backoff; on the job's final attempt the request → failed.
 */
export async function executeRequest(deps: ExecutionDeps, requestId: number, options: ExecutionOptions): Promise<ExecutionResult> {
  const lock = await RequestLock.tryAcquire(deps.config.databaseUrl, requestId);
  if (!lock) {
    deps.log.info({ requestId }, "execution: another worker is executing this request");
    return "busy";
  }
  try {
    return await execute(deps, lock, requestId, options);
  } finally {
    await lock.release();
  }
}

async function execute(deps: ExecutionDeps, lock: RequestLock, requestId: number, options: ExecutionOptions): Promise<ExecutionResult> {
  const { db } = deps;
  const row = await getRequest(db, requestId);
  if (!row) throw new RequestNotFoundError(`request ${requestId} does not exist`);
  if (row.state !== "approved" && row.state !== "executing") return "not_executable";

  const attempt = (await db.auditEvent.count({ where: { requestId, action: "execution_started" } })) + 1;
  const started = await transitionRequest(db, {
    requestId,
    from: ["approved", "executing"],
    to: "executing",
    action: "execution_started",
    actor: SYSTEM,
    detail: AUDIT_DETAIL.execution_started.parse({ attempt }),
  });
  if (!started.moved) return "not_executable";
  await afterTransition(deps, { requestId, to: "executing", version: started.version });
  const log = deps.log.child({ requestId, run: attempt });

  let context: Context;
  try {
    context = {
      deps,
      notices: deps.notices ?? new NoticeTemplates(),
      row,
      request: engineRequestOf(row),
      decision: decisionSchema.parse(row.decision),
      order: orderSchema.parse(row.orderSnapshot),
      log,
    };
    const plan = planExecution({ request: context.request, decision: context.decision, order: context.order, providers: deps.providers.assignment(context.order) });
    await ensureEffects(db, requestId, plan);
  } catch (error) {
    const code = error instanceof PlanError ? "not_executable" : "invalid_request";
    return stopExecution(deps, requestId, { effect: "plan", provider: OWN, code, message: error instanceof Error ? error.message : String(error) });
  }

  for (const effect of await listEffects(db, requestId)) {
    if (effect.status === "done" || effect.status === "manual") continue;
    if (lock.lost) throw new Error(`execution lock lost (${lock.lost}): stopping before ${effect.kind}`);
    const call = { made: false };
    try {
      await runEffect(context, effect, call);
    } catch (error) {
      const outcome = await onEffectError(context, effect, error, call.made, options);
      if (outcome === "continue") continue;
      return outcome;
    }
  }
  return finishExecution(context);
}

async function finishExecution(context: Context): Promise<ExecutionResult> {
  const { deps, row } = context;
  const effects = await listEffects(deps.db, row.id);
  const manual = effects.find((effect) => effect.kind === "refund" && effect.status === "manual");
  if (manual) {
    const params = refundParamsSchema.safeParse(manual.params);
    const detail = AUDIT_DETAIL.manual_task_created.parse({
      amount: params.success ? params.data.amount : context.decision.refundAmount,
      currency: context.order.currency,
      // C7: the seller pays the transfer fee of a refund made by other means.
      feeBearer: "seller",
      why: manual.errorCode === "1163" ? MANUAL_WHY.line_pay_1163 : MANUAL_WHY.decided,
    });
    return move(deps, row.id, "manual_pending", "manual_task_created", detail, "manual_pending");
  }
  const undone = effects.filter((effect) => effect.status !== "done");
  if (undone.length > 0) throw new Error(`effects not done after a full run: ${undone.map((e) => `${e.kind}=${e.status}`).join(", ")}`);
  return move(deps, row.id, "completed", "completed", { effects: effects.map((effect) => effect.kind) }, "completed");
}

async function move(deps: ExecutionDeps, requestId: number, to: RequestState, action: string, detail: Record<string, unknown>, result: ExecutionResult): Promise<ExecutionResult> {
  const moved = await transitionRequest(deps.db, { requestId, from: ["executing"], to, action, actor: SYSTEM, detail });
  if (!moved.moved) return "not_executable";
  await afterTransition(deps, { requestId, to, version: moved.version });
  deps.log.info({ requestId, state: to }, "execution finished");
  return result;
}

interface Failure {
  effect: string;
  provider: string;
  code: string;
  message: string;
}

/** executing → failed with the provider's code and message (Q13): the request's message shows them and a Retry button. */
function stopExecution(deps: ExecutionDeps, requestId: number, failure: Failure): Promise<ExecutionResult> {
  deps.log.warn({ requestId, effect: failure.effect, provider: failure.provider, code: failure.code }, "execution stopped");
  return move(deps, requestId, "failed", "execution_failed", AUDIT_DETAIL.execution_failed.parse({ ...failure, message: failure.message.slice(0, 1000) }), "failed");
}

async function onEffectError(context: Context, effect: EffectRow, error: unknown, called: boolean, options: ExecutionOptions): Promise<"continue" | ExecutionResult> {
  const { deps, log } = context;
  const permanent = (isProviderError(error) && error.kind === "permanent") || error instanceof TemplateError;
  const provider = isProviderError(error) ? error.provider : effect.provider;
  const code = isProviderError(error) ? error.code : error instanceof TemplateError ? "template_error" : "internal_error";
  const message = error instanceof Error ? error.message : String(error);
  const failure = { effectId: effect.id, kind: effect.kind, provider, code, message };

  if (permanent) {
    if (effect.kind === "refund" && provider === "line_pay" && code === "1163") {
      // C7: LINE Pay can no longer refund online; a person refunds by other means, the seller pays the fee.
      await afterEffectChange(context, await failEffect(deps.db, { ...failure, permanent: true, status: "manual" }));
      log.info({ effect: effect.kind, code }, "refund handed to a person (C7)");
      return "continue";
    }
    const changed = await failEffect(deps.db, { ...failure, permanent: true, status: "failed" });
    if (changed && effect.kind === "refund") deps.metrics.refundsFailed.inc({ provider });
    await afterEffectChange(context, changed);
    return stopExecution(deps, effect.requestId, { effect: effect.kind, provider, code, message });
  }

  log.warn({ effect: effect.kind, provider, code, finalAttempt: options.finalAttempt, ...(isProviderError(error) ? {} : { err: error }) }, "effect failed, transient");
  const current = (await deps.db.effect.findUnique({ where: { id: effect.id }, select: { status: true } }))?.status ?? effect.status;
  // After a timeout or an ambiguous answer the effect may have happened: it stays started, and the
  // next run reconciles before any call. An answer that proves nothing happened makes it pending.
  const mayHaveHappened = current === "started" && (error instanceof AmbiguousProviderError || !called || !isProviderError(error));
  if (options.finalAttempt) {
    const changed = await failEffect(deps.db, { ...failure, permanent: false, status: mayHaveHappened ? "started" : "failed" });
    if (changed && effect.kind === "refund") deps.metrics.refundsFailed.inc({ provider });
    await afterEffectChange(context, changed);
    return stopExecution(deps, effect.requestId, { effect: effect.kind, provider, code, message: `${message} (still failing after the last retry)` });
  }
  // Only a provider's answer changes the ledger; our own errors (a database hiccup) leave it as it is.
  if (isProviderError(error)) await afterEffectChange(context, await failEffect(deps.db, { ...failure, permanent: false, status: mayHaveHappened ? "started" : "pending" }));
  throw error;
}

/** An effect change bumped the request's version: let its Slack message follow (the state is unchanged). */
async function afterEffectChange(context: Context, changed: EffectChange): Promise<void> {
  if (changed) await afterTransition(context.deps, { requestId: context.row.id, to: changed.state as RequestState, version: changed.version });
}

async function done(context: Context, effect: EffectRow, receipt: { reference: string; alreadyDone: boolean; amount?: number; params?: Record<string, unknown> }): Promise<void> {
  const changed = await finishEffect(context.deps.db, {
    effectId: effect.id,
    kind: effect.kind,
    provider: effect.provider,
    reference: receipt.reference,
    alreadyDone: receipt.alreadyDone,
    ...(receipt.amount !== undefined ? { amount: receipt.amount } : {}),
    ...(receipt.params ? { params: receipt.params } : {}),
  });
  context.log.info({ effect: effect.kind, provider: effect.provider, reference: receipt.reference, alreadyDone: receipt.alreadyDone }, "effect done");
  // Counted when the ledger records it, so once per refund, however many runs it took.
  if (changed && effect.kind === "refund") context.deps.metrics.refundsExecuted.inc({ provider: effect.provider });
  await afterEffectChange(context, changed);
}

function idempotencyKey(effect: EffectRow): string {
  return `${effect.requestId}:${effect.kind}`;
}

async function runEffect(context: Context, effect: EffectRow, call: { made: boolean }): Promise<void> {
  const { deps, order } = context;
  const params = (effect.params ?? {}) as Record<string, unknown>;

  if (effect.via === "included") {
    // The provider did this with an earlier effect (e.g. Cyberbiz restores points when it cancels).
    const parentKind = params.includedIn as EffectKind | undefined;
    const parent = (await listEffects(deps.db, effect.requestId)).find((other) => other.kind === parentKind);
    if (!parent?.reference || parent.status !== "done") throw new Error(`${effect.kind} is included in ${parentKind}, which is not done`);
    const amount = effect.kind === "refund" ? refundParamsSchema.parse(params).amount : undefined;
    return done(context, effect, { reference: parent.reference, alreadyDone: parent.alreadyDone, ...(amount !== undefined ? { amount } : {}) });
  }
  if (effect.via === "manual") return handToPerson(context, effect);

  switch (effect.kind as EffectKind) {
    case "q5_notice":
    case "customer_notice":
      return sendNotice(context, effect, call);
    case "cancel": {
      const source = deps.providers.orderSourceNamed(effect.provider, order.platform);
      if (effect.status === "started") {
        // A cancel that may have happened: the order tells (C6: a cancel is final).
        const current = await source.getOrder(order.orderId);
        if (current?.status === "cancelled") return done(context, effect, { reference: `${source.name}:order ${order.orderId} cancelled`, alreadyDone: true });
      }
      const q5 = (await listEffects(deps.db, effect.requestId)).find((other) => other.kind === "q5_notice");
      const buyerMessage = q5?.status === "done" ? (await renderNotice(context, false)).body : undefined;
      await startEffect(deps.db, effect.id);
      call.made = true;
      const receipt = await source.cancelOrder({
        orderId: order.orderId,
        reason: context.request.reason,
        initiator: context.request.initiator,
        ...(context.row.note ? { note: context.row.note } : {}),
        notifyCustomer: context.request.notifyCustomer,
        flagCustomer: context.request.flagCustomer,
        // Q5/Q6: the buyer was told first by the q5_notice effect; Qoo10 also shows the text as the seller memo.
        ...(buyerMessage ? { buyerMessage, buyerNotified: true } : {}),
        idempotencyKey: idempotencyKey(effect),
      });
      return done(context, effect, receipt);
    }
    case "accept_return": {
      const source = deps.providers.orderSourceNamed(effect.provider, order.platform);
      await startEffect(deps.db, effect.id);
      call.made = true;
      // Accepting a return that is already accepted gives alreadyDone: every source reads the claim first.
      const receipt = await source.acceptReturn({ orderId: order.orderId, reason: context.request.reason, ...(context.row.note ? { note: context.row.note } : {}), idempotencyKey: idempotencyKey(effect) });
      return done(context, effect, receipt);
    }
    case "refund":
      return refund(context, effect, call);
    case "restore": {
      const restore = restoreParamsSchema.parse(params);
      await startEffect(deps.db, effect.id);
      call.made = true;
      const receipt = await deps.providers.local(order.platform).restore({ orderId: order.orderId, ...restore, idempotencyKey: idempotencyKey(effect) });
      return done(context, effect, receipt);
    }
    case "flag_customer": {
      await startEffect(deps.db, effect.id);
      call.made = true;
      const receipt = await deps.providers.local(order.platform).flagCustomer({ orderId: order.orderId, idempotencyKey: idempotencyKey(effect) });
      return done(context, effect, receipt);
    }
  }
}

/**
 * The refund, exactly once. The payment's refunds are read first: on the first call they are the
 * baseline (`before`); once the effect was ever called, a refund that is new since then, not
 * recorded by another request and of the same amount is this effect's, done (LINE Pay has no
 * idempotency key; this is the check). Only when none is found is the refund asked for again.
 */
async function refund(context: Context, effect: EffectRow, call: { made: boolean }): Promise<void> {
  const { deps, order } = context;
  const params = refundParamsSchema.parse(effect.params);
  const gateway = deps.providers.gatewayNamed(effect.provider, order.platform);
  const payment = await gateway.getPayment(params.transactionId);
  if (payment.currency !== undefined && payment.currency !== params.currency) {
    // An amount in one currency asked of a payment in another would refund a different sum: refused before any call.
    throw new ProviderError({ provider: gateway.name, code: "currency_mismatch", message: `order ${order.orderId} is in ${params.currency}, its payment at ${gateway.name} in ${payment.currency}: nothing was refunded`, kind: "permanent" });
  }

  if (params.before !== undefined) {
    const ids = payment.refunds.map((r) => r.refundTransactionId);
    const elsewhere = await refundsAttributedElsewhere(deps.db, effect.provider, ids, effect.requestId);
    const found = matchRefund(payment.refunds, params, elsewhere);
    if (found) {
      context.log.info({ effect: "refund", provider: gateway.name, reference: found.refundTransactionId }, "reconciled: the refund was made by an earlier call");
      return done(context, effect, { reference: found.refundTransactionId, alreadyDone: true, amount: found.amount });
    }
  }

  const before = params.before ?? payment.refunds.map((r) => r.refundTransactionId);
  await claim(context, effect, params.amount, "started", { ...params, before });
  call.made = true;
  const receipt = await gateway.refund({
    transactionId: params.transactionId,
    orderId: order.orderId,
    amount: params.amount,
    currency: params.currency,
    full: params.full,
    idempotencyKey: idempotencyKey(effect),
  });
  if (receipt.alreadyDone && gateway.name !== "local") {
    // LINE Pay 1165: refunded already. Ours only if no other request recorded that refund.
    const elsewhere = await refundsAttributedElsewhere(deps.db, effect.provider, [receipt.refundTransactionId], effect.requestId);
    if (elsewhere.size > 0) {
      throw new ProviderError({ provider: gateway.name, code: "1165", message: `the payment is already refunded, by another request (refund ${receipt.refundTransactionId})`, kind: "permanent" });
    }
  }
  return done(context, effect, { reference: receipt.refundTransactionId, alreadyDone: receipt.alreadyDone, amount: receipt.amount });
}

/**
 * A refund starts only once it is claimed on its order, under a lock: the order's total, less what was
 * refunded, less its other refunds in flight, must cover it. One that no longer fits (the order
 * changed since the decision) stops the execution before anything is refunded.
 */
async function claim(context: Context, effect: EffectRow, amount: number, as: "started" | "manual", params?: Record<string, unknown>): Promise<void> {
  const claimed = await claimRefund(context.deps.db, effect, amount, as, params);
  if (claimed.ok) return;
  const { currency, orderId } = context.order;
  throw new ProviderError({
    provider: OWN,
    code: "exceeds_refundable",
    message: `refunding ${amount} ${currency} would exceed what is left of order ${orderId} (${claimed.refundable} ${currency}, other refunds in flight counted): nothing was refunded`,
    kind: "permanent",
  });
}

/** C7: the refund goes back by other means; claimed on its order like any refund, then left to a person (Mark refunded). */
async function handToPerson(context: Context, effect: EffectRow): Promise<void> {
  await claim(context, effect, refundParamsSchema.parse(effect.params).amount, "manual");
}

async function refundHandedToPerson(context: Context): Promise<boolean> {
  const refund = (await listEffects(context.deps.db, context.row.id)).find((effect) => effect.kind === "refund");
  return refund?.status === "manual";
}

/**
 * What the customer is told was refunded: what the provider reported for the refund once it is done
 * (a full refund at LINE Pay gives back what is left of the payment, whatever was asked); before
 * that (Q5's notice, a refund handed to a person), what the decision grants.
 */
async function refundedAmount(context: Context): Promise<number> {
  const refund = (await listEffects(context.deps.db, context.row.id)).find((effect) => effect.kind === "refund");
  const refunded = refund?.status === "done" ? (refund.params as { refunded?: unknown } | null)?.refunded : undefined;
  return typeof refunded === "number" ? refunded : context.decision.refundAmount;
}

async function renderNotice(context: Context, manual: boolean) {
  return context.notices.render({
    kind: noticeTemplateKind(context.request.kind, manual),
    buyerLocale: context.order.buyerLocale,
    orderId: context.order.orderId,
    amount: await refundedAmount(context),
    currency: context.order.currency,
    reason: context.request.reason,
  });
}

/**
 * The customer notice (or Q5's notice before a cancel), in the buyer's language. Buyer messages
 * cannot be read back from any provider, so one found `started` is sent again: a customer may, in
 * that one crash window, get the same notice twice, never none. The body is never logged.
 */
async function sendNotice(context: Context, effect: EffectRow, call: { made: boolean }): Promise<void> {
  const { deps, order } = context;
  const source: OrderSource = effect.provider === "local" ? deps.providers.local(order.platform) : deps.providers.orderSourceNamed(effect.provider, order.platform);
  const notice = await renderNotice(context, effect.kind === "customer_notice" && (await refundHandedToPerson(context)));
  await startEffect(deps.db, effect.id);
  call.made = true;
  const receipt = await source.sendBuyerMessage({ orderId: order.orderId, subject: notice.subject, body: notice.body, locale: notice.locale, idempotencyKey: idempotencyKey(effect) });
  return done(context, effect, { ...receipt, params: { locale: notice.locale } });
}
