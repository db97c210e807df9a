-- CreateTable
CREATE TABLE "effects" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "provider" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "reference" TEXT,
    "already_done" BOOLEAN NOT NULL DEFAULT false,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "error_code" TEXT,
    "error_message" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "done_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "effects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "local_effects" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "transaction_id" TEXT,
    "amount" INTEGER,
    "currency" CHAR(3),
    "detail" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "local_effects_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "effects_request_id_kind_key" ON "effects"("request_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "local_effects_key_key" ON "local_effects"("key");

-- CreateIndex
CREATE UNIQUE INDEX "local_effects_reference_key" ON "local_effects"("reference");

-- CreateIndex
CREATE INDEX "local_effects_platform_order_id_idx" ON "local_effects"("platform", "order_id");

-- CreateIndex
CREATE INDEX "local_effects_transaction_id_idx" ON "local_effects"("transaction_id");

-- AddForeignKey
ALTER TABLE "effects" ADD CONSTRAINT "effects_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "refund_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- An effect's status and how it is carried out are one of a few words.
ALTER TABLE "effects" ADD CONSTRAINT "effects_status_check" CHECK ("status" IN ('pending', 'started', 'done', 'failed', 'manual'));
ALTER TABLE "effects" ADD CONSTRAINT "effects_via_check" CHECK ("via" IN ('call', 'included', 'manual'));

-- A refund the provider made belongs to one request only: reconciling can never attribute the same
-- refund (e.g. one LINE Pay refundTransactionId) to two requests.
CREATE UNIQUE INDEX "effects_refund_reference_key" ON "effects"("provider", "reference") WHERE "kind" = 'refund' AND "via" = 'call' AND "reference" IS NOT NULL;
CREATE INDEX "effects_request_id_seq_idx" ON "effects"("request_id", "seq");
