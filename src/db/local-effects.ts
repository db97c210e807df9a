import type { Prisma } from "../generated/prisma/client";
import type { Platform } from "../domain/order";
import type { LocalEffectEntry, LocalEffectStore, LocalOrderChange, LockedOrder } from "../use-cases/ports/local-effects";
import type { Db } from "./client";
import { findOrder } from "./orders";
import type { SqlTransaction } from "./sql";

interface LocalRow {
  id: number;
  reference: string;
  amount: number | null;
  at: Date;
  detail: Prisma.JsonValue;
}

async function lockOrder(tx: SqlTransaction, platform: Platform, orderId: string): Promise<LockedOrder | undefined> {
  const [row] = await tx.rows<LockedOrder>("lock_local_order", "SELECT status, total, refunded, currency FROM orders WHERE platform = $1 AND order_id = $2 FOR UPDATE", [platform, orderId]);
  return row;
}

/** Applies what an effect does to its order, in the effect's transaction; returns the amount the effect records, if it changes. */
async function applyChange(tx: SqlTransaction, entry: LocalEffectEntry, change: (order: LockedOrder | undefined) => LocalOrderChange): Promise<number | undefined> {
  const decided = change(await lockOrder(tx, entry.platform, entry.orderId));
  if (!decided) return undefined;
  if ("amount" in decided) return decided.amount;
  await tx.rows("set_local_order_status", "UPDATE orders SET status = $3, updated_at = now() WHERE platform = $1 AND order_id = $2", [entry.platform, entry.orderId, decided.status]);
  return undefined;
}

/**
 * The local store's record of one effect, at most once per key, in one transaction with the change
 * to the local order: the row is inserted first (a second call with the same key finds it and
 * changes nothing), then the change is applied; if it refuses, both roll back.
 */
async function recordOnce(db: Db, entry: LocalEffectEntry, change?: (order: LockedOrder | undefined) => LocalOrderChange): Promise<{ row: LocalRow; alreadyDone: boolean }> {
  return db.sql.transaction(async (tx) => {
    const [row] = await tx.rows<LocalRow>(
      "record_local_effect",
      `INSERT INTO local_effects (key, platform, order_id, kind, reference, transaction_id, amount, currency, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8, $9::jsonb)
       ON CONFLICT (key) DO NOTHING
       RETURNING id, reference, amount, at, detail`,
      [entry.key, entry.platform, entry.orderId, entry.kind, entry.reference, entry.transactionId ?? null, entry.amount ?? null, entry.currency ?? null, JSON.stringify(entry.detail ?? {})],
    );
    if (!row) {
      const [existing] = await tx.rows<LocalRow>("local_effect_by_key", "SELECT id, reference, amount, at, detail FROM local_effects WHERE key = $1", [entry.key]);
      if (!existing) throw new Error(`local effect ${entry.key} neither inserted nor found`);
      return { row: existing, alreadyDone: true };
    }
    const amount = change ? await applyChange(tx, entry, change) : undefined;
    if (typeof amount === "number" && amount !== row.amount) {
      await tx.rows("set_local_effect_amount", "UPDATE local_effects SET amount = $2 WHERE id = $1", [row.id, amount]);
      row.amount = amount;
    }
    return { row, alreadyDone: false };
  });
}

/** The local provider's store (src/use-cases/ports/local-effects.ts) on Postgres. */
export function createLocalEffectStore(db: Db): LocalEffectStore {
  return {
    findOrder: (platform, orderId) => findOrder(db, platform, orderId),
    recordOnce: (entry, change) => recordOnce(db, entry, change),
    async refundsOf(platform, transactionId) {
      const rows = await db.localEffect.findMany({ where: { kind: "refund", transactionId, platform }, orderBy: { id: "asc" } });
      return rows.map((row) => ({ orderId: row.orderId, reference: row.reference, amount: row.amount === null ? null : Number(row.amount), at: row.at, detail: row.detail }));
    },
  };
}
