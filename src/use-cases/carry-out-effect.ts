import type { Decision } from "../domain/decision";
import { matchRefund, noticeTemplateKind, refundParamsSchema, restoreParamsSchema, type EffectKind } from "../domain/execution-plan";
import type { Order } from "../domain/order";
import type { RefundRequest } from "../domain/request";
import type { RequestState } from "../domain/request-state";
import { afterTransition } from "./after-transition";
import type { ExecutionDeps } from "./execute-request";
import { ProviderError, type OrderSource } from "./ports/providers";
import type { Log } from "./ports/runtime";
import type { EffectChange, EffectRow, RequestRow } from "./ports/store";

/** Permanent failures of our own (not a provider's): reported like a provider's, retryable by an approver. */
export const OWN = "refund-desk";

/** One execution run of one request: what every effect reads. */
export interface Context {
  deps: ExecutionDeps;
  row: RequestRow;
  request: RefundRequest;
  decision: Decision;
  order: Order;
  log: Log;
}

/** Whether the provider was called for an effect, so a failure tells whether it may have happened. */
export type CallMade = { made: boolean };

/** An effect change bumped the request's version: let its Slack message follow (the state is unchanged). */
export async function afterEffectChange(context: Context, changed: EffectChange): Promise<void> {
  if (changed) await afterTransition(context.deps, { requestId: context.row.id, to: changed.state as RequestState, version: changed.version });
}

async function done(context: Context, effect: EffectRow, receipt: { reference: string; alreadyDone: boolean; amount?: number; params?: Record<string, unknown> }): Promise<void> {
  const changed = await context.deps.store.finishEffect({
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

/** The provider did this with an earlier effect (e.g. Cyberbiz restores points when it cancels). */
async function doneWithParent(context: Context, effect: EffectRow, params: Record<string, unknown>): Promise<void> {
  const parentKind = params.includedIn as EffectKind | undefined;
  const parent = (await context.deps.store.listEffects(effect.requestId)).find((other) => other.kind === parentKind);
  if (!parent?.reference || parent.status !== "done") throw new Error(`${effect.kind} is included in ${parentKind}, which is not done`);
  const amount = effect.kind === "refund" ? refundParamsSchema.parse(params).amount : undefined;
  return done(context, effect, { reference: parent.reference, alreadyDone: parent.alreadyDone, ...(amount !== undefined ? { amount } : {}) });
}

export async function runEffect(context: Context, effect: EffectRow, call: { made: boolean }): Promise<void> {
  const { deps, order } = context;
  const params = (effect.params ?? {}) as Record<string, unknown>;

  if (effect.via === "included") return doneWithParent(context, effect, params);
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
      const q5 = (await deps.store.listEffects(effect.requestId)).find((other) => other.kind === "q5_notice");
      const buyerMessage = q5?.status === "done" ? (await renderNotice(context, false)).body : undefined;
      await deps.store.startEffect(effect.id);
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
      await deps.store.startEffect(effect.id);
      call.made = true;
      // Accepting a return that is already accepted gives alreadyDone: every source reads the claim first.
      const receipt = await source.acceptReturn({ orderId: order.orderId, reason: context.request.reason, ...(context.row.note ? { note: context.row.note } : {}), idempotencyKey: idempotencyKey(effect) });
      return done(context, effect, receipt);
    }
    case "refund":
      return refund(context, effect, call);
    case "restore": {
      const restore = restoreParamsSchema.parse(params);
      await deps.store.startEffect(effect.id);
      call.made = true;
      const receipt = await deps.providers.local(order.platform).restore({ orderId: order.orderId, ...restore, idempotencyKey: idempotencyKey(effect) });
      return done(context, effect, receipt);
    }
    case "flag_customer": {
      await deps.store.startEffect(effect.id);
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
    const elsewhere = await deps.store.refundsAttributedElsewhere(effect.provider, ids, effect.requestId);
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
    const elsewhere = await deps.store.refundsAttributedElsewhere(effect.provider, [receipt.refundTransactionId], effect.requestId);
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
  const claimed = await context.deps.store.claimRefund(effect, amount, as, params);
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
  const refund = (await context.deps.store.listEffects(context.row.id)).find((effect) => effect.kind === "refund");
  return refund?.status === "manual";
}

/**
 * What the customer is told was refunded: what the provider reported for the refund once it is done
 * (a full refund at LINE Pay gives back what is left of the payment, whatever was asked); before
 * that (Q5's notice, a refund handed to a person), what the decision grants.
 */
async function refundedAmount(context: Context): Promise<number> {
  const refund = (await context.deps.store.listEffects(context.row.id)).find((effect) => effect.kind === "refund");
  const refunded = refund?.status === "done" ? (refund.params as { refunded?: unknown } | null)?.refunded : undefined;
  return typeof refunded === "number" ? refunded : context.decision.refundAmount;
}

async function renderNotice(context: Context, manual: boolean) {
  return context.deps.notices.render({
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
  await deps.store.startEffect(effect.id);
  call.made = true;
  const receipt = await source.sendBuyerMessage({ orderId: order.orderId, subject: notice.subject, body: notice.body, locale: notice.locale, idempotencyKey: idempotencyKey(effect) });
  return done(context, effect, { ...receipt, params: { locale: notice.locale } });
}
