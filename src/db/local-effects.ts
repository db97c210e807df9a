import { Prisma } from "../generated/prisma/client";
import type { Platform } from "../domain/order";
import type { LocalEffectEntry, LocalEffectStore, LocalOrderChange, LockedOrder } from "../use-cases/ports/local-effects";
import type { Db } from "./client";
import { findOrder } from "./orders";

type Tx = Prisma.TransactionClient;

interface LocalRow {
  id: number;
  reference: string;
  amount: number | null;
  at: Date;
  detail: Prisma.JsonValue;
}

/** Money columns are bigint, which Prisma's raw queries give as bigint: read back as numbers (bounded at the edge). */
type Raw<T, K extends keyof T> = Omit<T, K> & { [P in K]: bigint | Extract<T[P], null> };

function localRowOf(row: Raw<LocalRow, "amount">): LocalRow {
  return { ...row, amount: row.amount === null ? null : Number(row.amount) };
}

async function lockOrder(tx: Tx, platform: Platform, orderId: string): Promise<LockedOrder | undefined> {
  const [row] = await tx.$queryRaw<Raw<LockedOrder, "total" | "refunded">[]>(Prisma.sql`
    SELECT status, total, refunded, currency FROM orders WHERE platform = ${platform} AND order_id = ${orderId} FOR UPDATE`);
  return row && { ...row, total: Number(row.total), refunded: Number(row.refunded) };
}

/** Applies what an effect does to its order, in the effect's transaction; returns the amount the effect records, if it changes. */
async function applyChange(tx: Tx, entry: LocalEffectEntry, change: (order: LockedOrder | undefined) => LocalOrderChange): Promise<number | undefined> {
  const decided = change(await lockOrder(tx, entry.platform, entry.orderId));
  if (!decided) return undefined;
  if ("amount" in decided) return decided.amount;
  await tx.$executeRaw`UPDATE orders SET status = ${decided.status}, updated_at = now() WHERE platform = ${entry.platform} AND order_id = ${entry.orderId}`;
  return undefined;
}

async function recordOnce(db: Db, entry: LocalEffectEntry, change?: (order: LockedOrder | undefined) => LocalOrderChange): Promise<{ row: LocalRow; alreadyDone: boolean }> {
  return db.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<Raw<LocalRow, "amount">[]>(Prisma.sql`
      INSERT INTO local_effects (key, platform, order_id, kind, reference, transaction_id, amount, currency, detail)
      VALUES (${entry.key}, ${entry.platform}, ${entry.orderId}, ${entry.kind}, ${entry.reference}, ${entry.transactionId ?? null},
              ${entry.amount ?? null}::bigint, ${entry.currency ?? null}, ${JSON.stringify(entry.detail ?? {})}::jsonb)
      ON CONFLICT (key) DO NOTHING
      RETURNING id, reference, amount, at, detail`);
    const row = inserted[0] && localRowOf(inserted[0]);
    if (!row) {
      const [existing] = await tx.$queryRaw<Raw<LocalRow, "amount">[]>(Prisma.sql`SELECT id, reference, amount, at, detail FROM local_effects WHERE key = ${entry.key}`);
      if (!existing) throw new Error(`local effect ${entry.key} neither inserted nor found`);
      return { row: localRowOf(existing), alreadyDone: true };
    }
    const amount = change ? await applyChange(tx, entry, change) : undefined;
    if (typeof amount === "number" && amount !== row.amount) {
      await tx.$executeRaw`UPDATE local_effects SET amount = ${amount} WHERE id = ${row.id}`;
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
