-- AlterTable
ALTER TABLE "refund_requests" ADD COLUMN     "approval_channel" TEXT,
ADD COLUMN     "approval_ts" TEXT,
ADD COLUMN     "approvals_required" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batch_id" TEXT,
ADD COLUMN     "customer_filed_cancel" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "customer_message" TEXT;

-- CreateTable
CREATE TABLE "approvals" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "approver_id" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "approvals_request_id_approver_id_key" ON "approvals"("request_id", "approver_id");

-- CreateIndex
CREATE INDEX "refund_requests_batch_id_idx" ON "refund_requests"("batch_id");

-- CreateIndex
CREATE INDEX "refund_requests_origin_created_at_idx" ON "refund_requests"("origin", "created_at");

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "refund_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

