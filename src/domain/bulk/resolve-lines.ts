import type { OrderRef, Platform } from "../order";
import type { Reason } from "../request";
import { orderKey, type BatchItem, type SkippedItem } from "./batch-items";

/** One order of a bulk request as the agent gave it: an id after the command, or a CSV line. */
export interface BulkLine {
  ref: OrderRef;
  /** The CSV line (absent for ids after a command). */
  line?: number;
  reason?: Reason;
  amount?: number;
}

/** What the order store knows of an id: enough to file a request for it. */
export interface KnownOrder {
  platform: Platform;
  orderId: string;
  currency: string;
  /** No amount above it can ever be refunded. */
  total: number;
}

/** A line asking more than its order's total: no decision could grant it. */
export interface OverTotal {
  ref: string;
  line?: number;
  amount: number;
  total: number;
  currency: string;
}

export interface Duplicate {
  ref: string;
  line?: number;
  /** Where the same order came first. */
  firstLine?: number;
}

export interface Resolution {
  /** The recognised orders, once each, in input order. */
  items: BatchItem[];
  /** Unknown ids, and ids on several platforms without a `platform:` prefix. */
  skipped: SkippedItem[];
  /** Lines naming an order that an earlier line named already. */
  duplicates: Duplicate[];
  /** Lines asking more than their order's total: the agent must correct them before anything is filed. */
  overTotal: OverTotal[];
}

export function refText(ref: OrderRef): string {
  return ref.platform ? `${ref.platform}:${ref.orderId}` : ref.orderId;
}

/**
 * Matches each line with the orders the store has under its id: one order is recognised, none is
 * unknown, several (an id on both platforms, no prefix) is ambiguous. An order named twice is filed
 * once: the first line counts, the others are reported as duplicates. A line asking more than its
 * order's total is set aside, for the agent to correct.
 */
export function resolveLines(lines: readonly BulkLine[], known: readonly KnownOrder[]): Resolution {
  const byId = new Map<string, KnownOrder[]>();
  for (const order of known) byId.set(order.orderId, [...(byId.get(order.orderId) ?? []), order]);
  const items: BatchItem[] = [];
  const skipped: SkippedItem[] = [];
  const duplicates: Duplicate[] = [];
  const overTotal: OverTotal[] = [];
  const seen = new Map<string, BatchItem>();
  for (const { ref, line, reason, amount } of lines) {
    const matches = (byId.get(ref.orderId) ?? []).filter((o) => !ref.platform || o.platform === ref.platform);
    const where = line !== undefined ? { line } : {};
    if (matches.length === 0) {
      skipped.push({ ref: refText(ref), why: "unknown", ...where });
      continue;
    }
    if (matches.length > 1) {
      skipped.push({ ref: refText(ref), why: "ambiguous", ...where, platforms: matches.map((o) => o.platform).sort() });
      continue;
    }
    const order = matches[0]!;
    const key = orderKey(order.platform, order.orderId);
    const first = seen.get(key);
    if (first) {
      duplicates.push({ ref: refText(ref), ...where, ...(first.line !== undefined ? { firstLine: first.line } : {}) });
      continue;
    }
    if (amount !== undefined && amount > order.total) {
      overTotal.push({ ref: refText(ref), ...where, amount, total: order.total, currency: order.currency });
      continue;
    }
    const item: BatchItem = {
      platform: order.platform,
      orderId: order.orderId,
      currency: order.currency,
      ...(reason ? { reason } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...where,
    };
    seen.set(key, item);
    items.push(item);
  }
  return { items, skipped, duplicates, overTotal };
}

/** Every distinct order id the lines name: what to ask the order store for, in one query. */
export function idsToLookUp(lines: readonly BulkLine[]): string[] {
  return [...new Set(lines.map((l) => l.ref.orderId))];
}
