import { japanLocal } from "./qoo10-dates";

export interface FakeQoo10OrderSeed {
  orderNo: number;
  /** QAPI shipping code: 1 waiting, 2 requested (new), 3 preparing, 4 in delivery, 5 delivered. @defaultValue 2 */
  shippingStatus?: number;
  /** QAPI claim code (1 cancel requested … 6 return complete), or none. */
  claimStatus?: number;
  /** @defaultValue 5800 */
  total?: number;
  /** @defaultValue "JPY" */
  currency?: string;
  /** Japan local time `YYYY-MM-DD HH:MM:SS`. @defaultValue now in Japan */
  orderDate?: string;
  /** @defaultValue "Credit Card" */
  paymentMethod?: string;
  /** @defaultValue "JP" */
  paymentNation?: string;
  reason?: string;
  /** Japan local time; when the claim was filed. */
  requestDate?: string;
}

export interface Qoo10BuyerMessage {
  orderNo: string;
  category: string;
  title: string;
  contents: string;
  /** False for a send the fake answered as failed. */
  delivered: boolean;
  seq: number;
}

export interface Qoo10Cancellation {
  orderNo: string;
  cancelReason: string;
  sellerMemo?: string;
  seq: number;
}

export interface FakeOrder {
  orderNo: number;
  shippingStatus: number;
  claimStatus?: number;
  total: number;
  currency: string;
  orderDate: string;
  paymentMethod: string;
  paymentNation: string;
  reason?: string;
  requestDate?: string;
  cancelRefundDate?: string;
}

/**
 * What the fake Qoo10 holds: the orders a test seeded (by order number, as QAPI's parameters give
 * it), the buyer messages and cancellations it received, and the buyer-message sends it is to fail.
 */
export class Qoo10State {
  readonly orders = new Map<string, FakeOrder>();
  readonly messages: Qoo10BuyerMessage[] = [];
  readonly cancellations: Qoo10Cancellation[] = [];
  readonly messageFailures: Array<{ code: number; message: string }> = [];

  constructor(readonly now: () => Date) {}

  addOrder(seed: FakeQoo10OrderSeed): void {
    this.orders.set(String(seed.orderNo), {
      orderNo: seed.orderNo,
      shippingStatus: seed.shippingStatus ?? 2,
      ...(seed.claimStatus !== undefined ? { claimStatus: seed.claimStatus } : {}),
      total: seed.total ?? 5800,
      currency: seed.currency ?? "JPY",
      orderDate: seed.orderDate ?? japanLocal(this.now()),
      paymentMethod: seed.paymentMethod ?? "Credit Card",
      paymentNation: seed.paymentNation ?? "JP",
      ...(seed.reason !== undefined ? { reason: seed.reason } : {}),
      ...(seed.claimStatus !== undefined ? { requestDate: seed.requestDate ?? japanLocal(this.now()) } : {}),
    });
  }
}
