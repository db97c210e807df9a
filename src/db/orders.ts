import type { Order as OrderRow } from "../generated/prisma/client";
import { orderSchema, type Order, type Platform } from "../domain/order";
import { orderKey } from "../domain/bulk/batch-items";
import type { Db } from "./client";
import { batcherPerOwner, InFlightBatcher } from "./in-flight-batcher";

/** A stored order row, with what its requests hold of it when the read joined `order_claims` (CLAIMS). */
type StoredRow = OrderRow & { pending?: number | bigint | null; recentRefunds?: number | bigint | null };

/** A stored row, back in the vocabulary of docs/rules.md. */
export function orderFromRow(row: StoredRow): Order {
  return orderSchema.parse({
    platform: row.platform,
    orderId: row.orderId,
    status: row.status,
    paymentMethod: row.paymentMethod,
    transactionId: row.transactionId ?? undefined,
    currency: row.currency,
    // bigint columns: a number from the plain SQL reads, a bigint from Prisma's.
    total: Number(row.total),
    refunded: Number(row.refunded),
    createdAt: row.placedAt.toISOString(),
    pointsUsed: row.pointsUsed,
    couponCodes: row.couponCodes,
    customerCancelRequested: row.customerCancelRequested,
    buyerLocale: row.buyerLocale ?? undefined,
    pending: Number(row.pending ?? 0),
    recentRefunds: Number(row.recentRefunds ?? 0),
  });
}

/**
 * What an order's requests hold of it (the migrations' `order_claims`), as the columns `pending` and
 * `recentRefunds` of a read of the order `o`: `exclude`, the request being decided (0: none), and
 * `windowMs`, the approval window, are SQL expressions.
 */
export function claimsOf(exclude: string, windowMs: string): { join: string; columns: string } {
  return {
    join: `CROSS JOIN LATERAL order_claims(o.platform, o.order_id, ${exclude}, ${windowMs}) c`,
    columns: `CASE WHEN c.pending_all THEN GREATEST(0, o.total - o.refunded) ELSE c.pending END AS pending, c.recent AS "recentRefunds"`,
  };
}

/** The claims of every open request, for a read before any is filed (the modal, a bulk request's review). */
const OPEN_CLAIMS = claimsOf("0", "0");

const CLAIMS_OF_OTHERS = claimsOf("$3", "$4::float8");

/** What an order's requests other than `requestId` hold of it, and refunded within `windowMs`: what deciding that request counts. */
export async function orderClaims(db: Db, order: Pick<Order, "platform" | "orderId">, requestId: number, windowMs: number): Promise<Pick<Order, "pending" | "recentRefunds">> {
  const [row] = await db.sql.rows<{ pending: number; recentRefunds: number }>(
    "order_claims_of_others",
    `SELECT ${CLAIMS_OF_OTHERS.columns} FROM orders o ${CLAIMS_OF_OTHERS.join} WHERE o.platform = $1 AND o.order_id = $2`,
    [order.platform, order.orderId, requestId, windowMs],
  );
  return { pending: row?.pending ?? 0, recentRefunds: row?.recentRefunds ?? 0 };
}

/** The order columns, each with the name Prisma's `Order` has: [column, name]. */
const ORDER_FIELDS = [
  ["platform", "platform"], ["order_id", "orderId"], ["status", "status"], ["payment_method", "paymentMethod"], ["transaction_id", "transactionId"],
  ["currency", "currency"], ["total", "total"], ["refunded", "refunded"], ["placed_at", "placedAt"], ["points_used", "pointsUsed"],
  ["coupon_codes", "couponCodes"], ["customer_cancel_requested", "customerCancelRequested"], ["buyer_locale", "buyerLocale"],
  ["imported_at", "importedAt"], ["updated_at", "updatedAt"],
] as const;

/** An order row `o`, selected with the names Prisma's `Order` has, for the plain SQL reads. */
const ORDER_COLUMNS = ORDER_FIELDS.map(([column, name]) => (column === name ? `o.${column}` : `o.${column} AS "${name}"`)).join(", ");

/**
 * The columns of an order joined as `o` to another row, named `order.<name>`, and what its requests
 * hold of it (`claimsOf`, joined as `c`): read back with `joinedOrderOf`.
 */
export const JOINED_ORDER_COLUMNS = [
  ...ORDER_FIELDS.map(([column, name]) => `o.${column} AS "order.${name}"`),
  `CASE WHEN c.pending_all THEN GREATEST(0, o.total - o.refunded) ELSE c.pending END AS "order.pending"`,
  `c.recent AS "order.recentRefunds"`,
].join(", ");
const JOINED_NAMES = [...ORDER_FIELDS.map(([, name]) => name), "pending", "recentRefunds"].map((name) => [name, `order.${name}`] as const);

/** A stored row in the vocabulary of docs/rules.md (the currency column is fixed-width). */
const storedOrder = (row: StoredRow): Order => orderFromRow({ ...row, currency: row.currency.trim() });

/** The order joined to a row (JOINED_ORDER_COLUMNS), or null when the store has none. Throws on a stored order the rules cannot read. */
export function joinedOrderOf(row: Record<string, unknown>): Order | null {
  if (row["order.platform"] == null) return null;
  const order: Record<string, unknown> = {};
  for (const [name, joined] of JOINED_NAMES) order[name] = row[joined];
  return storedOrder(order as unknown as StoredRow);
}

/**
 * These orders, in one query; an order the store does not have is simply absent. Plain SQL: a bulk
 * request's slices each read a few hundred orders, and the ORM kept copies of each result.
 */
export async function ordersByKeys(db: Db, keys: readonly { platform: string; orderId: string }[]): Promise<Order[]> {
  if (keys.length === 0) return [];
  // One order, as most submissions read theirs at a moderate rate: a plain key lookup, which
  // Postgres plans in less time than the statement for many keys.
  const rows =
    keys.length === 1
      ? await db.sql.byKey<StoredRow>("order_by_key", ORDER_BY_KEY_SQL, [keys[0]!.platform, keys[0]!.orderId])
      : await db.sql.byKey<StoredRow>("orders_by_keys", ORDERS_BY_KEYS_SQL, [keys.map((k) => k.platform), keys.map((k) => k.orderId)]);
  return rows.map(storedOrder);
}

/** One order by its key ($1 platform, $2 order id), with what its open requests hold; exported for the test of its plan. */
export const ORDER_BY_KEY_SQL = `SELECT ${ORDER_COLUMNS}, ${OPEN_CLAIMS.columns} FROM orders o ${OPEN_CLAIMS.join} WHERE o.platform = $1 AND o.order_id = $2`;
/** Orders by their keys ($1 platforms, $2 order ids, in pairs), with what their open requests hold; exported for the test of its plan. */
export const ORDERS_BY_KEYS_SQL = `SELECT ${ORDER_COLUMNS}, ${OPEN_CLAIMS.columns}
  FROM orders o JOIN unnest($1::text[], $2::text[]) AS k(key_platform, key_order_id) ON o.platform = key_platform AND o.order_id = key_order_id ${OPEN_CLAIMS.join}`;

/** Orders looked up one by one (each Slack submission reads its order) while one lookup is in flight are read together. */
const orderLoader = batcherPerOwner(
  (db: Db) =>
    new InFlightBatcher<{ platform: Platform; orderId: string }, Order | null>(
      async (keys) => {
        const found = new Map((await ordersByKeys(db, keys)).map((order) => [orderKey(order.platform, order.orderId), order]));
        return keys.map((key) => found.get(orderKey(key.platform, key.orderId)) ?? null);
      },
      { maxInFlight: 2, maxBatch: 64 },
    ),
);

export function findOrder(db: Db, platform: Platform, orderId: string): Promise<Order | null> {
  return orderLoader(db).run({ platform, orderId });
}

/** Every platform's order with this id: an id alone may be ambiguous across platforms. */
export async function findOrdersById(db: Db, orderId: string): Promise<Order[]> {
  const rows = await db.sql.rows<StoredRow>("orders_by_id", `SELECT ${ORDER_COLUMNS}, ${OPEN_CLAIMS.columns} FROM orders o ${OPEN_CLAIMS.join} WHERE o.order_id = $1 ORDER BY o.platform`, [orderId]);
  return rows.map(storedOrder);
}

/** Adds a refund made outside the effects ledger to the order's refunded total, never beyond its total. */
export async function creditOrder(db: Db, platform: Platform, orderId: string, amount: number): Promise<void> {
  await db.sql.rows("credit_order", "UPDATE orders SET refunded = LEAST(total, refunded + $3::bigint), updated_at = now() WHERE platform = $1 AND order_id = $2", [platform, orderId, amount]);
}

export interface UpsertCounts {
  added: number;
  updated: number;
}

const CHUNK = 1_000;

export interface UpsertOptions {
  /**
   * Keep the stored refunded total when it is higher: a platform's API that has not caught up with
   * a refund the bot made (and recorded) must not make that money refundable again.
   * @defaultValue false (an import replaces it)
   */
  keepHigherRefunded?: boolean;
}

/**
 * Inserts or replaces orders by (platform, orderId), all in one transaction: a file either loads
 * whole or not at all. Counts come from Postgres itself (`xmax = 0` marks a fresh insert).
 */
export async function upsertOrders(db: Db, orders: readonly Order[], { keepHigherRefunded = false }: UpsertOptions = {}): Promise<UpsertCounts> {
  const chunks: Order[][] = [];
  for (let i = 0; i < orders.length; i += CHUNK) chunks.push(orders.slice(i, i + CHUNK));
  const results = await db.sql.transaction(async (tx) => {
    const inserted: { inserted: boolean }[] = [];
    for (const chunk of chunks) inserted.push(...(await tx.rows<{ inserted: boolean }>("upsert_orders", UPSERT_ORDERS_SQL, [orderRowsOf(chunk), keepHigherRefunded])));
    return inserted;
  });
  return results.reduce<UpsertCounts>(
    (counts, row) => (row.inserted ? { ...counts, added: counts.added + 1 } : { ...counts, updated: counts.updated + 1 }),
    { added: 0, updated: 0 },
  );
}

function orderRowsOf(chunk: readonly Order[]): string {
  return JSON.stringify(
    chunk.map((o) => ({
      platform: o.platform,
      order_id: o.orderId,
      status: o.status,
      payment_method: o.paymentMethod,
      transaction_id: o.transactionId ?? null,
      currency: o.currency,
      total: o.total,
      refunded: o.refunded,
      placed_at: o.createdAt,
      points_used: o.pointsUsed,
      coupon_codes: o.couponCodes,
      customer_cancel_requested: o.customerCancelRequested,
      buyer_locale: o.buyerLocale ?? null,
    })),
  );
}

const UPSERT_ORDERS_SQL = `INSERT INTO orders (platform, order_id, status, payment_method, transaction_id, currency, total, refunded,
                    placed_at, points_used, coupon_codes, customer_cancel_requested, buyer_locale)
SELECT x.platform, x.order_id, x.status, x.payment_method, x.transaction_id, x.currency, x.total, x.refunded,
       x.placed_at, x.points_used, ARRAY(SELECT jsonb_array_elements_text(x.coupon_codes)),
       x.customer_cancel_requested, x.buyer_locale
FROM jsonb_to_recordset($1::jsonb) AS x(
  platform text, order_id text, status text, payment_method text, transaction_id text, currency text,
  total bigint, refunded bigint, placed_at timestamptz, points_used int, coupon_codes jsonb,
  customer_cancel_requested boolean, buyer_locale text)
ON CONFLICT (platform, order_id) DO UPDATE SET
  status = EXCLUDED.status, payment_method = EXCLUDED.payment_method, transaction_id = EXCLUDED.transaction_id,
  currency = EXCLUDED.currency, total = EXCLUDED.total,
  refunded = CASE WHEN $2::boolean THEN LEAST(EXCLUDED.total, GREATEST(orders.refunded, EXCLUDED.refunded)) ELSE EXCLUDED.refunded END,
  placed_at = EXCLUDED.placed_at, points_used = EXCLUDED.points_used, coupon_codes = EXCLUDED.coupon_codes,
  customer_cancel_requested = EXCLUDED.customer_cancel_requested, buyer_locale = EXCLUDED.buyer_locale,
  updated_at = now()
RETURNING (xmax = 0) AS inserted`;
