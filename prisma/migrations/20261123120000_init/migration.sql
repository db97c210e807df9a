-- CreateTable
CREATE TABLE "orders" (
    "platform" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payment_method" TEXT NOT NULL,
    "transaction_id" TEXT,
    "currency" CHAR(3) NOT NULL,
    "total" INTEGER NOT NULL,
    "refunded" INTEGER NOT NULL DEFAULT 0,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "points_used" INTEGER NOT NULL DEFAULT 0,
    "coupon_codes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "customer_cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "buyer_locale" TEXT,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("platform","order_id")
);

-- CreateTable
CREATE TABLE "refund_requests" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "initiator" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "amount" INTEGER,
    "currency" CHAR(3) NOT NULL,
    "notify_customer" BOOLEAN NOT NULL DEFAULT false,
    "flag_customer" BOOLEAN NOT NULL DEFAULT false,
    "return_received" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "requested_by" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "idempotency_key" TEXT,
    "origin_channel" TEXT,
    "state" TEXT NOT NULL,
    "decision" JSONB,
    "engine_version" TEXT,
    "order_snapshot" JSONB,
    "thread_channel" TEXT,
    "thread_ts" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refund_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "from_state" TEXT,
    "to_state" TEXT,
    "detail" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "orders_order_id_idx" ON "orders"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "refund_requests_idempotency_key_key" ON "refund_requests"("idempotency_key");

-- CreateIndex
CREATE INDEX "refund_requests_platform_order_id_idx" ON "refund_requests"("platform", "order_id");

-- CreateIndex
CREATE INDEX "refund_requests_state_idx" ON "refund_requests"("state");

-- CreateIndex
CREATE INDEX "refund_requests_requested_by_created_at_idx" ON "refund_requests"("requested_by", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_request_id_id_idx" ON "audit_events"("request_id", "id");

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "refund_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Amounts are whole, non-negative, and never refunded beyond the total (policy G2).
ALTER TABLE "orders" ADD CONSTRAINT "orders_amounts_check" CHECK ("total" >= 0 AND "refunded" >= 0 AND "refunded" <= "total");
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_amount_check" CHECK ("amount" IS NULL OR "amount" >= 0);

-- The audit trail is append-only: the database itself refuses to change or remove a row.
-- The pg adapter runs a migration statement by statement, split at every semicolon, so the function
-- body spells its one semicolon as the octal escape \073.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''audit_events is append-only: % is not allowed'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END';
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
