-- Approval timers (reminder, escalation, expiry) are kept in Postgres, not as three delayed jobs
-- per waiting request in Redis: they survive a Redis that lost its data by construction, and a
-- request costs Redis nothing while it waits. approval_timer_at is when its timers are next looked
-- at, set on the move to awaiting_approval and cleared on any other move.
ALTER TABLE "refund_requests" ADD COLUMN "approval_timer_at" TIMESTAMPTZ(3);

-- The timer pass reads only what is due: a partial index holds just the requests that wait.
CREATE INDEX "refund_requests_approval_timer_idx" ON "refund_requests" ("approval_timer_at")
  WHERE approval_timer_at IS NOT NULL;

-- Requests waiting when this is deployed are looked at on the first pass (their old delayed jobs
-- still run too: every timer step is done once, whoever comes first).
UPDATE "refund_requests" SET "approval_timer_at" = now()
  WHERE state = 'awaiting_approval' AND batch_id IS NULL;
