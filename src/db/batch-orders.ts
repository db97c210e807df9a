import { Prisma } from "../generated/prisma/client";
import type { KnownOrder } from "../domain/bulk/resolve-lines";
import type { Platform } from "../domain/order";
import type { Db } from "./client";

/** Every platform's order under any of these ids, in one query (an id alone may be on both platforms). */
export async function knownOrders(db: Db, orderIds: readonly string[]): Promise<KnownOrder[]> {
  if (orderIds.length === 0) return [];
  const rows = await db.$queryRaw<{ platform: Platform; order_id: string; currency: string; total: bigint }[]>(Prisma.sql`
    SELECT platform, order_id, currency, total FROM orders WHERE order_id = ANY(${[...orderIds]}::text[])`);
  return rows.map((r) => ({ platform: r.platform, orderId: r.order_id, currency: r.currency.trim(), total: Number(r.total) }));
}
