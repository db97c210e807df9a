import type { Order, Platform } from "../../domain/order";

export type LocalEffectKind = "cancel" | "return" | "refund" | "restore" | "flag" | "message";

export interface LocalEffectEntry {
  /** At most one effect per key. */
  key: string;
  platform: Platform;
  orderId: string;
  kind: LocalEffectKind;
  reference: string;
  transactionId?: string;
  amount?: number;
  currency?: string;
  detail?: Record<string, unknown>;
}

export interface LocalEffectRow {
  id: number;
  reference: string;
  amount: number | null;
  at: Date;
}

/** The order an effect changes, read under its lock. */
export interface LockedOrder {
  status: string;
  total: number;
  refunded: number;
  currency: string;
}

/** What an effect does to its order: a new status, or the amount the effect records; nothing when void. */
export type LocalOrderChange = { status: string } | { amount: number } | void;

/** A refund the local gateway recorded, for `getPayment`. */
export interface LocalRefund {
  orderId: string;
  reference: string;
  amount: number | null;
  at: Date;
  detail: unknown;
}

/**
 * What the local provider (src/providers/local/) keeps in the database: the local order store's
 * orders, and its record of effects (`local_effects`). The db adapter implements it
 * (src/db/local-effects.ts); the provider keeps the platforms' rules.
 */
export interface LocalEffectStore {
  findOrder(platform: Platform, orderId: string): Promise<Order | null>;
  /**
   * Records an effect at most once per key, in one transaction with its change to the order: the
   * row is inserted first (a second call with the same key finds it and changes nothing), then
   * `change` is given the order under its lock (undefined when the store has none); if it throws,
   * both roll back.
   */
  recordOnce(entry: LocalEffectEntry, change?: (order: LockedOrder | undefined) => LocalOrderChange): Promise<{ row: LocalEffectRow; alreadyDone: boolean }>;
  /** The refunds recorded against a payment, oldest first. */
  refundsOf(platform: Platform, transactionId: string): Promise<LocalRefund[]>;
}
