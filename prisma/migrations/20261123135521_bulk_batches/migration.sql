-- Batch ids read B1, B2, …: how people name a batch in Slack.
CREATE SEQUENCE "batch_number_seq";

-- CreateTable
CREATE TABLE "batches" (
    "id" TEXT NOT NULL DEFAULT ('B'::text || nextval('batch_number_seq'::regclass)),
    "state" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "initiator" TEXT NOT NULL,
    "reason" TEXT,
    "notify_customer" BOOLEAN NOT NULL DEFAULT false,
    "flag_customer" BOOLEAN NOT NULL DEFAULT false,
    "return_received" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "created_by" TEXT NOT NULL,
    "origin_channel" TEXT,
    "source" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "skipped" JSONB NOT NULL DEFAULT '[]',
    "item_count" INTEGER NOT NULL,
    "approval_floor" JSONB,
    "message_channel" TEXT,
    "message_ts" TEXT,
    "message_shown" TEXT,
    "approval_channel" TEXT,
    "approval_ts" TEXT,
    "approval_shown" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_events" (
    "id" BIGSERIAL NOT NULL,
    "batch_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" JSONB,

    CONSTRAINT "batch_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "batches_state_created_at_idx" ON "batches"("state", "created_at");

-- CreateIndex
CREATE INDEX "batch_events_batch_id_id_idx" ON "batch_events"("batch_id", "id");

-- AddForeignKey
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_events" ADD CONSTRAINT "batch_events_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;



ALTER TABLE "batches" ADD CONSTRAINT "batches_state_check" CHECK ("state" IN ('draft', 'filing', 'running', 'finished'));
ALTER TABLE "batches" ADD CONSTRAINT "batches_item_count_check" CHECK ("item_count" >= 0);
ALTER SEQUENCE "batch_number_seq" OWNED BY "batches"."id";

-- Like audit_events, a batch's own trail is append-only. (The pg adapter splits migrations at every
-- semicolon, hence \073 inside the function body.)
CREATE FUNCTION "batch_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''batch_events is append-only: % is not allowed'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END';
CREATE TRIGGER "batch_events_no_update" BEFORE UPDATE OR DELETE ON "batch_events"
  FOR EACH ROW EXECUTE FUNCTION "batch_events_append_only"();
CREATE TRIGGER "batch_events_no_truncate" BEFORE TRUNCATE ON "batch_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "batch_events_append_only"();
