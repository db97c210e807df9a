import { z } from "zod";
import { orderSchema, type Order, type PaymentMethod, type Qoo10Status } from "../../domain/order";
import { localTimeToIso, type UtcOffset } from "../shared/local-time";
import type { Qoo10OrderRow } from "./schemas";

/**
 * QAPI `shippingStatus` ⇒ our status. QAPI codes: 1 waiting (配送待ち), 2 shipping requested
 * (配送要請: a new, paid order), 3 shipping preparation (配送準備: the seller confirmed it and set
 * a ship date), 4 in delivery (配送中), 5 delivered (配送完了).
 * QAPI has no code for "shipping delayed" (運送延期): such an order reads as `awaiting_shipment`,
 * the stricter of the two for a customer's cancel (Q11: a request the seller reviews instead of a
 * self-cancel). An unknown code reads as `in_transit`: nothing unknown is cancelled automatically.
 */
export const QOO10_SHIPPING_STATUS: Record<string, Qoo10Status> = {
  "1": "new",
  "2": "new",
  "3": "awaiting_shipment",
  "4": "in_transit",
  "5": "completed",
};

/** QAPI `claimStatus` codes that end an order, and what they end it as. */
export const QOO10_TERMINAL_CLAIMS: Record<string, Extract<Qoo10Status, "cancelled" | "returned">> = {
  /** cancel complete */
  "3": "cancelled",
  /** unpaid order cancelled */
  "16": "cancelled",
  /** return complete */
  "6": "returned",
  /** refunded for non-receipt */
  "14": "returned",
};

/** Claim codes meaning the buyer has asked to cancel (1 cancel requested, 2 cancelling). */
const CANCEL_REQUESTED = new Set(["1", "2"]);

/** `1`, ` 2 `, `On request(2)`, `配送要請(2)` ⇒ the code. */
export function qoo10StatusCode(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return String(Number(trimmed));
  return /\((\d+)\)\s*$/.exec(trimmed)?.[1];
}

export function qoo10Status(row: { shippingStatus?: string | undefined; claimStatus?: string | undefined }): Qoo10Status {
  const claim = qoo10StatusCode(row.claimStatus);
  if (claim && QOO10_TERMINAL_CLAIMS[claim]) return QOO10_TERMINAL_CLAIMS[claim];
  const shipping = qoo10StatusCode(row.shippingStatus);
  return (shipping && QOO10_SHIPPING_STATUS[shipping]) || "in_transit";
}

const PAYMENT_PATTERNS: ReadonlyArray<readonly [RegExp, PaymentMethod]> = [
  [/credit|card|クレジット|visa|master|jcb|amex/i, "credit_card"],
  [/bank|transfer|銀行|振込|atm|pay-?easy|ペイジー/i, "bank_transfer"],
  [/convenience|コンビニ|\bcvs\b|seven|lawson|family/i, "convenience_store"],
];

export function qoo10PaymentMethod(text: string | undefined): PaymentMethod {
  if (!text) return "other";
  for (const [pattern, method] of PAYMENT_PATTERNS) if (pattern.test(text)) return method;
  return "other";
}

/** The buyer's site/country ⇒ the language to write to them in (Q6). */
export const QOO10_NATION_LOCALE: Record<string, string> = {
  JP: "ja-JP",
  SG: "en-SG",
  MY: "en-MY",
  ID: "id-ID",
  HK: "zh-HK",
  TW: "zh-TW",
  CN: "zh-CN",
  KR: "ko-KR",
  US: "en-US",
};

export interface Qoo10MappingOptions {
  utcOffset: UtcOffset;
  defaultBuyerLocale: string;
}

export class Qoo10MappingError extends Error {
  override name = "Qoo10MappingError";
}

/**
 * A QAPI order row in the vocabulary of docs/rules.md. `total` is QAPI's `total` (item + options − discount;
 * this call returns no shipping amount). `refunded` is the whole total once a claim ended the
 * order, the partial non-receipt refund when there was one, else 0. Qoo10 collects the money
 * itself, so there is no transaction id, and no points or coupons on this call.
 */
export function toOrder(row: Qoo10OrderRow, options: Qoo10MappingOptions): Order {
  const createdAt = row.orderDate ? localTimeToIso(row.orderDate, options.utcOffset) : undefined;
  if (!createdAt) throw new Qoo10MappingError(`orderDate ${JSON.stringify(row.orderDate)} is not a date-time`);
  const totalDecimal = row.total ?? row.orderPrice;
  if (totalDecimal === null || totalDecimal === undefined) throw new Qoo10MappingError("the order has no total");
  const total = Math.round(totalDecimal);
  const claim = qoo10StatusCode(row.claimStatus);
  const refunded = claim && QOO10_TERMINAL_CLAIMS[claim] ? total : claim === "15" ? Math.min(total, Math.round(row.nrPartRefundBalance ?? 0)) : 0;
  const nation = row.paymentNation?.toUpperCase();

  const candidate = {
    platform: "qoo10",
    orderId: row.orderNo,
    status: qoo10Status(row),
    paymentMethod: qoo10PaymentMethod(row.PaymentMethod),
    currency: (row.currency ?? row.Currency ?? "JPY").toUpperCase(),
    total,
    refunded,
    createdAt,
    pointsUsed: 0,
    couponCodes: [],
    customerCancelRequested: claim !== undefined && CANCEL_REQUESTED.has(claim),
    buyerLocale: (nation && QOO10_NATION_LOCALE[nation]) || options.defaultBuyerLocale,
  };
  const parsed = orderSchema.safeParse(candidate);
  if (!parsed.success) throw new Qoo10MappingError(z.prettifyError(parsed.error));
  return parsed.data;
}
