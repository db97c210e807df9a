-- Money is kept in bigint: an order in a currency with large amounts (IDR, VND) or a bulk line of
-- 999,999,999,999 overflowed a 32-bit integer ("value out of range for type integer") when filed.
-- Every amount is bounded at the edge (no amount above the order's total is valid), so the values
-- stay within JavaScript's safe integers.
ALTER TABLE "orders" ALTER COLUMN "total" TYPE BIGINT, ALTER COLUMN "refunded" TYPE BIGINT;
ALTER TABLE "refund_requests" ALTER COLUMN "amount" TYPE BIGINT;
ALTER TABLE "local_effects" ALTER COLUMN "amount" TYPE BIGINT;
