import type { KnownOrder } from "../domain/bulk/resolve-lines";
import type { Platform } from "../domain/order";
import type { Db } from "./client";

/** Every platform's order under any of these ids, in one query (an id alone may be on both platforms). */
export async function knownOrders(db: Db, orderIds: readonly string[]): Promise<KnownOrder[]> {
  if (orderIds.length === 0) return [];
  const rows = await db.sql.rows<{ platform: Platform; order_id: string; currency: string; total: number }>(
    "known_orders",
    "SELECT platform, order_id, currency, total FROM orders WHERE order_id = ANY($1::text[])",
    [[...orderIds]],
  );
  return rows.map((r) => ({ platform: r.platform, orderId: r.order_id, currency: r.currency.trim(), total: Number(r.total) }));
}
