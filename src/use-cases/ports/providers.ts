import type { ExecutionProviders } from "../../domain/execution-plan";
import type { Order, Platform } from "../../domain/order";
import type { Initiator, Reason } from "../../domain/request";

/**
 * The two ports the execution worker uses: where orders live (OrderSource) and where the money
 * moves (PaymentGateway). Every adapter (Cyberbiz, Qoo10, LINE Pay, local) implements one of them
 * and speaks only this vocabulary, so the worker never sees a provider's wire format.
 */

export interface ProviderErrorInit {
  provider: string;
  code: string;
  message: string;
  kind: "transient" | "permanent";
  retryAfterMs?: number;
  httpStatus?: number;
}

/**
 * A provider said no, or could not be reached. `kind` tells the worker what to do:
 * `transient` ⇒ try again later (after `retryAfterMs` when given); `permanent` ⇒ stop and report
 * the provider's `code` and `message` (which is the provider's own text, kept verbatim).
 */
export class ProviderError extends Error {
  readonly provider: string;
  readonly code: string;
  readonly kind: "transient" | "permanent";
  readonly retryAfterMs?: number;
  readonly httpStatus?: number;

  constructor(init: ProviderErrorInit, options?: { cause?: unknown }) {
    super(init.message, options);
    this.name = "ProviderError";
    this.provider = init.provider;
    this.code = init.code;
    this.kind = init.kind;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
  }
}

/**
 * A timeout or a lost connection after the request may have reached the provider: the caller must
 * reconcile (read the payment's refunds, or the order's state) before trying again, because the
 * effect may already have happened. Always `kind: 'transient'`.
 */
export class AmbiguousProviderError extends ProviderError {
  constructor(init: Omit<ProviderErrorInit, "kind">, options?: { cause?: unknown }) {
    super({ ...init, kind: "transient" }, options);
    this.name = "AmbiguousProviderError";
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

/** What an effect left behind: the provider's reference, and whether it had already been done. */
export interface EffectReceipt {
  reference: string;
  alreadyDone: boolean;
}

export interface CancelOrderInput {
  orderId: string;
  reason: Reason;
  initiator: Initiator;
  /** Internal note in the agent's language: kept on the provider's side where it has a field for it. */
  note?: string;
  /** C5: email the customer (Cyberbiz `email`). */
  notifyCustomer: boolean;
  /** C5: mark the customer as a warning account (Cyberbiz `set_warning`). */
  flagCustomer: boolean;
  /** Buyer-facing text, already in the buyer's language (Q6); Qoo10 sends it before a store-side cancel (Q5). */
  buyerMessage?: string;
  /**
   * The worker already sent (and recorded) the Q5 notice itself with `sendBuyerMessage`, so the
   * cancel must not send it again. Without it, a Qoo10 store-side cancel needs `buyerMessage`.
   */
  buyerNotified?: boolean;
  /**
   * Names the effect (`<request id>:<effect>`): a provider that can recognise a repeat by it (the
   * local store) acts once per key. LINE Pay, Cyberbiz and Qoo10 have no such key and ignore it.
   */
  idempotencyKey?: string;
}

export interface AcceptReturnInput {
  orderId: string;
  reason: Reason;
  note?: string;
  /**
   * Names the effect (`<request id>:<effect>`): a provider that can recognise a repeat by it (the
   * local store) acts once per key. LINE Pay, Cyberbiz and Qoo10 have no such key and ignore it.
   */
  idempotencyKey?: string;
}

export interface BuyerMessageInput {
  orderId: string;
  subject: string;
  body: string;
  locale?: string;
  /**
   * Names the effect (`<request id>:<effect>`): a provider that can recognise a repeat by it (the
   * local store) acts once per key. LINE Pay, Cyberbiz and Qoo10 have no such key and ignore it.
   */
  idempotencyKey?: string;
}

export interface OrderSource {
  /** 'cyberbiz' | 'qoo10' | 'local' */
  readonly name: string;
  /** The order in the vocabulary of docs/rules.md; null when the platform does not know it. */
  getOrder(orderId: string): Promise<Order | null>;
  /** An order that is already cancelled gives `{ alreadyDone: true }`, not an error. */
  cancelOrder(input: CancelOrderInput): Promise<EffectReceipt>;
  acceptReturn(input: AcceptReturnInput): Promise<EffectReceipt>;
  sendBuyerMessage(input: BuyerMessageInput): Promise<EffectReceipt>;
}

export interface RefundInput {
  /** The payment's id; LINE Pay's has 19 digits, so it is a string end to end. */
  transactionId: string;
  orderId: string;
  /** In the currency's smallest unit, as every amount of ours (a gateway converts to its own). Ignored when `full`. */
  amount: number;
  currency: string;
  /** Refund whatever is left of the payment (LINE Pay: no `refundAmount`). */
  full: boolean;
  /**
   * Names the effect (`<request id>:<effect>`): a provider that can recognise a repeat by it (the
   * local store) acts once per key. LINE Pay, Cyberbiz and Qoo10 have no such key and ignore it.
   */
  idempotencyKey?: string;
}

export interface RefundRecord {
  refundTransactionId: string;
  /** Positive, in the smallest unit of the payment's currency. */
  amount: number;
  type: "full" | "partial";
  /** ISO 8601. */
  at: string;
}

export interface RefundReceipt extends RefundRecord {
  alreadyDone: boolean;
}

export interface PaymentDetails {
  transactionId: string;
  orderId?: string;
  refunds: RefundRecord[];
  /** What was paid, when the provider says (sum of LINE Pay's `payInfo`), in the currency's smallest unit. */
  amount?: number;
  /** The payment's currency, when the provider says: a refund in another currency is refused before it is asked. */
  currency?: string;
}

export interface PaymentGateway {
  /** 'line_pay' | 'local' */
  readonly name: string;
  refund(input: RefundInput): Promise<RefundReceipt>;
  getPayment(transactionId: string, orderId?: string): Promise<PaymentDetails>;
}

/** The local store's own effects, which no platform carries out: points and coupons back, a customer flagged. */
export interface LocalEffects extends OrderSource {
  restore(input: { orderId: string; points: number; coupons: string[]; idempotencyKey?: string }): Promise<EffectReceipt>;
  flagCustomer(input: { orderId: string; idempotencyKey?: string }): Promise<EffectReceipt>;
}

/** Which OrderSource and PaymentGateway carry out what (the provider registry implements it). */
export interface ProviderAssignment {
  /** Who carries out each effect of an order's plan. */
  assignment(order: Pick<Order, "platform" | "paymentMethod" | "transactionId">): ExecutionProviders;
  orderSourceNamed(name: string, platform: Platform): OrderSource;
  gatewayNamed(name: string, platform: Platform): PaymentGateway;
  local(platform: Platform): LocalEffects;
}
