-- The sweeper looks every 15 s for requests whose Slack messages are behind their stored state.
-- Without an index for that condition it read every request ever filed each time. This partial
-- index holds only the requests that are behind (a handful at any moment), in id order.
-- Its predicate is the one in src/db/sweep-queries.ts (PROJECTION_BEHIND), word for word: Postgres
-- uses a partial index only for a query whose condition implies the index's.
CREATE INDEX "refund_requests_projection_behind_idx" ON "refund_requests" ("id")
  WHERE (version > thread_version AND (batch_id IS NULL OR thread_ts IS NOT NULL OR state IN ('failed', 'manual_pending')))
     OR (batch_id IS NULL AND state = 'awaiting_approval' AND approval_ts IS NULL)
     OR (batch_id IS NULL AND approval_ts IS NOT NULL AND version > approval_version);
