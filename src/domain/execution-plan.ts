import { z } from "zod";
import type { Decision } from "./decision";
import type { Order } from "./order";
import type { RefundRequest } from "./request";

/**
 * What carrying out an approved request does, in order: tell the buyer first where Q5
 * asks for it, cancel or accept the return at the store, refund the money, give back points and
 * coupons (C3/C4), flag the customer (C5), and tell the customer. Each is one recorded effect.
 */
export const effectKindSchema = z.enum(["q5_notice", "cancel", "accept_return", "refund", "restore", "flag_customer", "customer_notice"]);
export type EffectKind = z.infer<typeof effectKindSchema>;

export const effectStatusSchema = z.enum(["pending", "started", "done", "failed", "manual"]);
export type EffectStatus = z.infer<typeof effectStatusSchema>;

/**
 * `call`: this effect calls its provider. `included`: the provider does it as part of an earlier
 * effect (Cyberbiz gives points and coupons back and emails the customer with its cancel; Qoo10
 * refunds with the cancel or return), so it is recorded with that effect's reference and no call.
 * `manual`: a person does it by other means (C7).
 */
export const effectViaSchema = z.enum(["call", "included", "manual"]);
export type EffectVia = z.infer<typeof effectViaSchema>;

/** Who carries out the order side and who moves the money, as this deployment is configured. */
export interface ExecutionProviders {
  /** The platform's own API, or the local store when the platform has none configured. */
  orderSource: "cyberbiz" | "qoo10" | "local";
  /** LINE Pay for an order paid with it (when configured), else the local store. */
  paymentGateway: "line_pay" | "local";
}

export const refundParamsSchema = z.object({
  amount: z.int().positive(),
  currency: z.string(),
  /** The whole payment: LINE Pay is asked for a full refund (no refundAmount). */
  full: z.boolean(),
  /** The payment's id at the gateway (LINE Pay's 19 digits, as a string). */
  transactionId: z.string(),
  /** Refund ids that existed at the gateway before this effect first called it (for reconciling). */
  before: z.array(z.string()).optional(),
});
export type RefundParams = z.infer<typeof refundParamsSchema>;

export const restoreParamsSchema = z.object({ points: z.int().min(0), coupons: z.array(z.string()) });
export type RestoreParams = z.infer<typeof restoreParamsSchema>;

export interface PlannedEffect {
  kind: EffectKind;
  provider: string;
  via: EffectVia;
  /** For `included`: the earlier effect that does this one too. */
  includedIn?: EffectKind;
  params: Record<string, unknown>;
}

export type PlanRequest = Pick<RefundRequest, "kind" | "notifyCustomer" | "flagCustomer">;

export class PlanError extends Error {}

/** LINE Pay and the local store know a payment by this id; an order without one is known by its platform and id. */
export function paymentIdOf(order: Pick<Order, "platform" | "orderId" | "transactionId">): string {
  return order.transactionId ?? `local:${order.platform}:${order.orderId}`;
}

/**
 * The effects of one approved request, in the order they run. Pure: the same decision, order
 * snapshot and providers always give the same plan, so a retry re-derives exactly what the first
 * run stored.
 */
export function planExecution(input: { request: PlanRequest; decision: Decision; order: Order; providers: ExecutionProviders }): PlannedEffect[] {
  const { request, decision, order, providers } = input;
  if (decision.outcome !== "allow" && decision.outcome !== "manual") {
    throw new PlanError(`a decision with outcome "${decision.outcome}" is not executed`);
  }
  const source = providers.orderSource;
  const onCyberbizApi = source === "cyberbiz";
  const plan: PlannedEffect[] = [];
  const orderEffect: EffectKind | undefined = request.kind === "cancel" ? "cancel" : request.kind === "return" ? "accept_return" : undefined;

  // Q5: the buyer hears from the store before a store-side cancel (or return), in their language (Q6).
  if (decision.buyerNoticeRequired && orderEffect) plan.push({ kind: "q5_notice", provider: source, via: "call", params: {} });
  if (orderEffect) plan.push({ kind: orderEffect, provider: source, via: "call", params: {} });

  if (decision.refundAmount > 0) {
    const refund: RefundParams = {
      amount: decision.refundAmount,
      currency: order.currency,
      full: order.refunded === 0 && decision.refundAmount === order.total,
      transactionId: paymentIdOf(order),
    };
    if (decision.outcome === "manual") {
      // C7: past LINE Pay's window the money goes back by other means, and the seller pays the fee.
      plan.push({ kind: "refund", provider: "manual", via: "manual", params: { ...refund, feeBearer: decision.feeBearer } });
    } else if (source === "qoo10" && orderEffect) {
      // Q10/Q12: Qoo10 refunds the buyer itself when the cancel or return completes.
      plan.push({ kind: "refund", provider: "qoo10", via: "included", includedIn: orderEffect, params: refund });
    } else {
      plan.push({ kind: "refund", provider: providers.paymentGateway, via: "call", params: refund });
    }
  }

  const restore = decision.restore;
  if (restore.points > 0 || restore.coupons.length > 0) {
    const params: RestoreParams = { points: restore.points, coupons: [...restore.coupons] };
    // C3/C4: Cyberbiz gives them back by itself when the order is cancelled.
    plan.push(onCyberbizApi && orderEffect === "cancel" ? { kind: "restore", provider: "cyberbiz", via: "included", includedIn: "cancel", params } : { kind: "restore", provider: "local", via: "call", params });
  }

  if (request.flagCustomer) {
    // C5: the warning-account mark is a field of Cyberbiz's cancel (`set_warning`).
    plan.push(onCyberbizApi && orderEffect === "cancel" ? { kind: "flag_customer", provider: "cyberbiz", via: "included", includedIn: "cancel", params: {} } : { kind: "flag_customer", provider: "local", via: "call", params: {} });
  }

  // A buyer told before the cancel (Q5) is not told twice.
  if (request.notifyCustomer && !plan.some((effect) => effect.kind === "q5_notice")) {
    if (onCyberbizApi && orderEffect === "cancel") {
      // C5: Cyberbiz emails the customer with its cancel (`email: true`).
      plan.push({ kind: "customer_notice", provider: "cyberbiz", via: "included", includedIn: "cancel", params: {} });
    } else if (onCyberbizApi) {
      // Cyberbiz's API cannot message a buyer: the notice is kept in the local outbox for a person to send.
      plan.push({ kind: "customer_notice", provider: "local", via: "call", params: { outbox: true } });
    } else {
      plan.push({ kind: "customer_notice", provider: source, via: "call", params: {} });
    }
  }
  return plan;
}

/** Which notice template a request's customer gets: the kind of request, or a manual refund's own (C7). */
export type NoticeTemplateKind = "cancel" | "refund" | "return" | "manual_refund";

export function noticeTemplateKind(requestKind: RefundRequest["kind"], refundHandedToPerson: boolean): NoticeTemplateKind {
  return refundHandedToPerson ? "manual_refund" : requestKind;
}

/** A refund the gateway reports, as reconciling compares it. */
export interface GatewayRefund {
  refundTransactionId: string;
  amount: number;
  type: "full" | "partial";
}

/**
 * After a timeout or an ambiguous answer, is one of the payment's refunds the one this effect
 * asked for? Only a refund that did not exist before the first call (`before`), that no other
 * request has recorded as its own (`attributedElsewhere`), and whose amount matches (a full refund:
 * LINE Pay's full type, or the amount). The newest match wins. LINE Pay has no idempotency key:
 * this is what stands between an ambiguous answer and a second refund.
 */
export function matchRefund(
  refunds: readonly GatewayRefund[],
  wanted: Pick<RefundParams, "amount" | "full" | "before">,
  attributedElsewhere: ReadonlySet<string>,
): GatewayRefund | undefined {
  const before = new Set(wanted.before ?? []);
  const candidates = refunds.filter((refund) => !before.has(refund.refundTransactionId) && !attributedElsewhere.has(refund.refundTransactionId));
  const fits = (refund: GatewayRefund) => refund.amount === wanted.amount || (wanted.full && refund.type === "full");
  return [...candidates].reverse().find(fits);
}
