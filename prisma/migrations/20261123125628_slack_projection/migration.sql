-- AlterTable
ALTER TABLE "refund_requests" ADD COLUMN     "approval_version" INTEGER NOT NULL DEFAULT -1,
ADD COLUMN     "thread_version" INTEGER NOT NULL DEFAULT -1;

-- CreateTable
CREATE TABLE "slack_posts" (
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_posts_pkey" PRIMARY KEY ("key")
);

