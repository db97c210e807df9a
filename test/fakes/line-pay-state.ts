import { randomInt } from "node:crypto";

export interface FakePaymentSeed {
  /** 19 digits, as a string. */
  transactionId: string;
  orderId: string;
  /** In the currency's major unit, as LINE Pay counts: 15.5 USD, 1200 TWD. */
  amount: number;
  /** One LINE Pay takes: TWD, JPY (no minor unit), USD, THB (cents). */
  currency: string;
  /** @defaultValue now */
  paidAt?: Date | string;
}

export interface FakeRefund {
  refundTransactionId: string;
  /** In the currency's major unit, as LINE Pay counts. */
  amount: number;
  transactionType: "PAYMENT_REFUND" | "PARTIAL_REFUND";
  refundTransactionDate: string;
}

export interface Payment extends Required<Omit<FakePaymentSeed, "paidAt">> {
  paidAt: Date;
  refunds: FakeRefund[];
}

/** Decimals LINE Pay accepts in an amount of each currency it takes. */
export const DECIMALS: Record<string, number> = { TWD: 0, JPY: 0, USD: 2, THB: 2 };

/** An amount in the major unit as a whole number of the smallest one (100 for 1.00 USD), or null when it has more decimals than the currency. */
export function smallest(currency: string, amount: number): number | null {
  const scaled = amount * 10 ** (DECIMALS[currency] ?? 0);
  return Math.abs(scaled - Math.round(scaled)) < 1e-6 ? Math.round(scaled) : null;
}

/**
 * What the fake LINE Pay holds: the payments a test seeded, the refunds made on them, how many
 * refund requests reached each, and the "already refunded" trap (armed, then sprung: details behind).
 */
export class LinePayState {
  private readonly payments = new Map<string, Payment>();
  // Refund ids are unique across LINE Pay, so across fakes too: test files running in parallel on one
  // database must never see the same refund id (the bot attributes each refund to one request).
  private nextRefundId = 2026112390000000001n + BigInt(randomInt(0, 9_000_000)) * 1_000_000n;
  private readonly refundPosts = new Map<string, number>();
  /** Transactions armed with the trap, and those whose details are behind (the trap sprung). */
  private readonly trapped = new Set<string>();
  private readonly staleDetails = new Set<string>();

  addPayment(seed: FakePaymentSeed, now: () => Date): void {
    if (!/^\d{19}$/.test(seed.transactionId)) throw new Error(`LINE Pay transaction ids have 19 digits: ${seed.transactionId}`);
    if (!(seed.currency in DECIMALS) || smallest(seed.currency, seed.amount) === null) throw new Error(`LINE Pay takes no payment of ${seed.amount} ${seed.currency}`);
    this.payments.set(seed.transactionId, {
      transactionId: seed.transactionId,
      orderId: seed.orderId,
      amount: seed.amount,
      currency: seed.currency,
      paidAt: seed.paidAt === undefined ? now() : new Date(seed.paidAt),
      refunds: [],
    });
  }

  payment(transactionId: string): Payment | undefined {
    return this.payments.get(transactionId);
  }

  /** Payments matching every id and order id given (any, for a list left empty). */
  find(ids: string[], orderIds: string[]): Payment[] {
    return [...this.payments.values()].filter(
      (payment) => (ids.length === 0 || ids.includes(payment.transactionId)) && (orderIds.length === 0 || orderIds.includes(payment.orderId)),
    );
  }

  newRefundId(): string {
    return (this.nextRefundId++).toString();
  }

  countRefundPost(transactionId: string): void {
    this.refundPosts.set(transactionId, this.refundCalls(transactionId) + 1);
  }

  refundCalls(transactionId: string): number {
    return this.refundPosts.get(transactionId) ?? 0;
  }

  refundsOf(transactionId: string): FakeRefund[] {
    return [...(this.payments.get(transactionId)?.refunds ?? [])];
  }

  refundedAmount(transactionId: string): number {
    const currency = this.payments.get(transactionId)?.currency ?? "TWD";
    return this.refundsOf(transactionId).reduce((sum, refund) => sum + smallest(currency, refund.amount)!, 0) / 10 ** (DECIMALS[currency] ?? 0);
  }

  armTrap(transactionId: string): void {
    this.trapped.add(transactionId);
  }

  /** True once for an armed payment: from now on its details leave its last refund out. */
  springTrap(transactionId: string): boolean {
    if (!this.trapped.delete(transactionId)) return false;
    this.staleDetails.add(transactionId);
    return true;
  }

  /** The 1165 tells what the details did not: from now on they show the refund. */
  detailsCaughtUp(transactionId: string): void {
    this.staleDetails.delete(transactionId);
  }

  /** What the payment details show: all its refunds, but the last one while they lag behind (the trap). */
  visibleRefunds(payment: Payment): FakeRefund[] {
    return this.staleDetails.has(payment.transactionId) ? payment.refunds.slice(0, -1) : payment.refunds;
  }
}
