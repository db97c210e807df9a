import { Prisma } from "../generated/prisma/client";
import type { Order as OrderRow } from "../generated/prisma/client";
import type { KnownOrder } from "../bulk/resolve-lines";
import type { Order, Platform } from "../domain/order";
import { orderFromRow } from "./orders";
import type { Db } from "./client";

/** Every platform's order under any of these ids, in one query (an id alone may be on both platforms). */
export async function knownOrders(db: Db, orderIds: readonly string[]): Promise<KnownOrder[]> {
  if (orderIds.length === 0) return [];
  const rows = await db.$queryRaw<{ platform: Platform; order_id: string; currency: string }[]>(Prisma.sql`
    SELECT platform, order_id, currency FROM orders WHERE order_id = ANY(${[...orderIds]}::text[])`);
  return rows.map((r) => ({ platform: r.platform, orderId: r.order_id, currency: r.currency.trim() }));
}

/**
 * These orders, in one query; an order the store does not have is simply absent. Plain SQL: a bulk
 * request's slices each read a few hundred orders, and the ORM kept copies of each result.
 */
export async function ordersByKeys(db: Db, keys: readonly { platform: string; orderId: string }[]): Promise<Order[]> {
  if (keys.length === 0) return [];
  const rows = await db.sql.rows<OrderRow>(
    "orders_by_keys",
    `SELECT o.platform, o.order_id AS "orderId", o.status, o.payment_method AS "paymentMethod", o.transaction_id AS "transactionId",
            o.currency, o.total, o.refunded, o.placed_at AS "placedAt", o.points_used AS "pointsUsed", o.coupon_codes AS "couponCodes",
            o.customer_cancel_requested AS "customerCancelRequested", o.buyer_locale AS "buyerLocale", o.imported_at AS "importedAt", o.updated_at AS "updatedAt"
       FROM orders o
       JOIN unnest($1::text[], $2::text[]) AS k(platform, order_id)
         ON o.platform = k.platform AND o.order_id = k.order_id`,
    [keys.map((k) => k.platform), keys.map((k) => k.orderId)],
  );
  return rows.map((row) => orderFromRow({ ...row, currency: row.currency.trim() }));
}
