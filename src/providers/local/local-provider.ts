import { randomUUID } from "node:crypto";
import type { Order, Platform } from "../../domain/order";
import type { LocalEffectStore } from "../../use-cases/ports/local-effects";
import {
  ProviderError,
  type AcceptReturnInput,
  type BuyerMessageInput,
  type CancelOrderInput,
  type EffectReceipt,
  type OrderSource,
  type PaymentDetails,
  type PaymentGateway,
  type RefundInput,
  type RefundReceipt,
} from "../../use-cases/ports/providers";

export const LOCAL_PROVIDER = "local";

const QOO10_SHIPPED = ["in_transit", "completed"];

function refused(code: string, message: string): ProviderError {
  return new ProviderError({ provider: LOCAL_PROVIDER, code, message, kind: "permanent" });
}

/**
 * The local order store as an OrderSource, for one platform: what the default setup and the demo
 * use when the platform's API is not configured. It keeps the platform's rules that matter for
 * execution (a shipped Cyberbiz order cannot be cancelled, C2; a cancel is final, C6; Cyberbiz has
 * no returns) and records every effect once, with the change to the order, in one transaction.
 */
export class LocalOrderSource implements OrderSource {
  readonly name = LOCAL_PROVIDER;

  constructor(
    private readonly store: LocalEffectStore,
    readonly platform: Platform,
  ) {}

  getOrder(orderId: string): Promise<Order | null> {
    return this.store.findOrder(this.platform, orderId);
  }

  async cancelOrder(input: CancelOrderInput): Promise<EffectReceipt> {
    const { platform } = this;
    const reference = `local:cancel:${platform}:${input.orderId}`;
    // An order is cancelled once, whoever asks (C6): the key is the order, not the request.
    const { alreadyDone } = await this.store.recordOnce(
      { key: `cancel:${platform}:${input.orderId}`, platform, orderId: input.orderId, kind: "cancel", reference, detail: { reason: input.reason, initiator: input.initiator, notifyCustomer: input.notifyCustomer, flagCustomer: input.flagCustomer } },
      (order) => {
        if (!order) throw refused("not_found", `the local store has no ${platform} order ${input.orderId}`);
        if (order.status === "cancelled") return;
        const allowed = platform === "cyberbiz" ? order.status === "unshipped" : !QOO10_SHIPPED.includes(order.status) && order.status !== "returned";
        if (!allowed) throw refused("state_does_not_allow", `order ${input.orderId} is ${order.status}: it can no longer be cancelled`);
        return { status: "cancelled" };
      },
    );
    return { reference, alreadyDone };
  }

  async acceptReturn(input: AcceptReturnInput): Promise<EffectReceipt> {
    const { platform } = this;
    if (platform === "cyberbiz") throw refused("unsupported", `Cyberbiz has no return flow (order ${input.orderId}): refund it instead (C8)`);
    const reference = `local:return:${platform}:${input.orderId}`;
    const { alreadyDone } = await this.store.recordOnce(
      { key: `return:${platform}:${input.orderId}`, platform, orderId: input.orderId, kind: "return", reference, detail: { reason: input.reason } },
      (order) => {
        if (!order) throw refused("not_found", `the local store has no ${platform} order ${input.orderId}`);
        if (order.status === "returned") return;
        if (!QOO10_SHIPPED.includes(order.status)) throw refused("state_does_not_allow", `order ${input.orderId} is ${order.status}: only a shipped order is returned (Q8)`);
        return { status: "returned" };
      },
    );
    return { reference, alreadyDone };
  }

  /** Kept in the local outbox (`local_effects`, kind `message`): the demo's stand-in for a message to the buyer. */
  async sendBuyerMessage(input: BuyerMessageInput): Promise<EffectReceipt> {
    const { row, alreadyDone } = await this.store.recordOnce({
      key: input.idempotencyKey ?? `message:${randomUUID()}`,
      platform: this.platform,
      orderId: input.orderId,
      kind: "message",
      reference: `local:message:${randomUUID()}`,
      detail: { locale: input.locale ?? null, subject: input.subject, body: input.body },
    });
    return { reference: row.reference, alreadyDone };
  }

  /** C3/C4: the reward credit and coupons the order used go back to the customer. */
  async restore(input: { orderId: string; points: number; coupons: string[]; idempotencyKey?: string }): Promise<EffectReceipt> {
    const { row, alreadyDone } = await this.store.recordOnce({
      key: input.idempotencyKey ?? `restore:${randomUUID()}`,
      platform: this.platform,
      orderId: input.orderId,
      kind: "restore",
      reference: `local:restore:${randomUUID()}`,
      detail: { points: input.points, coupons: input.coupons },
    });
    return { reference: row.reference, alreadyDone };
  }

  /** C5: the customer is marked as a warning account. */
  async flagCustomer(input: { orderId: string; idempotencyKey?: string }): Promise<EffectReceipt> {
    const { row, alreadyDone } = await this.store.recordOnce({
      key: input.idempotencyKey ?? `flag:${randomUUID()}`,
      platform: this.platform,
      orderId: input.orderId,
      kind: "flag",
      reference: `local:flag:${randomUUID()}`,
    });
    return { reference: row.reference, alreadyDone };
  }
}

/**
 * The local store as a PaymentGateway, for one platform: records a refund once per key, never beyond
 * what is left of the order's total (G2). Like any provider it only reports the refund: the order's
 * refunded total follows when the execution records the effect done (`finishEffect`). A payment is
 * known by the order's transaction id, or `local:<platform>:<order id>` when it has none.
 */
export class LocalPaymentGateway implements PaymentGateway {
  readonly name = LOCAL_PROVIDER;

  constructor(
    private readonly store: LocalEffectStore,
    readonly platform: Platform,
  ) {}

  async refund(input: RefundInput): Promise<RefundReceipt> {
    const { platform } = this;
    if (!input.full && !(Number.isInteger(input.amount) && input.amount > 0)) throw refused("invalid_request", "a partial refund needs a whole amount > 0");
    const { row, alreadyDone } = await this.store.recordOnce(
      {
        key: input.idempotencyKey ?? `refund:${randomUUID()}`,
        platform,
        orderId: input.orderId,
        kind: "refund",
        reference: `local:refund:${randomUUID()}`,
        transactionId: input.transactionId,
        amount: input.amount,
        currency: input.currency,
        detail: { full: input.full },
      },
      (order) => {
        // A payment whose order lives elsewhere (a platform API) is recorded here, and nothing more.
        if (!order) return;
        const remaining = order.total - order.refunded;
        const amount = input.full ? remaining : input.amount;
        if (amount <= 0) throw refused("already_refunded", `order ${input.orderId} has nothing left to refund`);
        if (amount > remaining) throw refused("exceeds_refundable", `${amount} exceeds what is left to refund on order ${input.orderId} (${remaining})`);
        return { amount };
      },
    );
    return {
      refundTransactionId: row.reference,
      amount: row.amount ?? input.amount,
      type: input.full ? "full" : "partial",
      at: row.at.toISOString(),
      alreadyDone,
    };
  }

  async getPayment(transactionId: string, orderId?: string): Promise<PaymentDetails> {
    const rows = await this.store.refundsOf(this.platform, transactionId);
    return {
      transactionId,
      ...(orderId ?? rows[0]?.orderId ? { orderId: orderId ?? rows[0]!.orderId } : {}),
      refunds: rows.map((row) => ({
        refundTransactionId: row.reference,
        amount: row.amount ?? 0,
        type: (row.detail as { full?: boolean } | null)?.full ? "full" : "partial",
        at: row.at.toISOString(),
      })),
    };
  }
}
