-- What an order's requests hold of it, beside what was refunded: the remainder of an order is its
-- total, minus what was refunded, minus what its open requests will refund.
--
-- For the order (platform, order id), over its requests other than `exclude` (0: none):
--   pending      what its open requests (filed, waiting, awaiting approval, approved, executing,
--                failed, or handed to a person) will refund and have not refunded yet: the
--                decision's amount, else the amount asked,
--   pending_all  one of them asks for everything left and is not decided yet,
--   recent       what the open ones and those completed within the last `window_ms` refund: the
--                sum the approval thresholds apply to, so that splitting a refund buys nothing.
-- A refund recorded done is in orders.refunded (finishEffect adds it in the same statement) and
-- no longer pending. SQL, stable and a single SELECT: inlined where a statement joins it.
CREATE FUNCTION order_claims(p_platform text, p_order_id text, p_exclude int, p_window_ms float8)
RETURNS TABLE (pending bigint, pending_all boolean, recent bigint)
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(sum(c.claim) FILTER (WHERE c.holds), 0)::bigint,
         COALESCE(bool_or(c.holds AND c.claim IS NULL), false),
         COALESCE(sum(c.claim) FILTER (WHERE c.open OR c.recent), 0)::bigint
    FROM (SELECT COALESCE((r.decision->>'refundAmount')::bigint, r.amount) AS claim,
                 r.state <> 'completed' AS open,
                 r.state = 'completed' AND r.updated_at >= now() - p_window_ms * interval '1 millisecond' AS recent,
                 r.state <> 'completed'
                   AND NOT EXISTS (SELECT 1 FROM effects e WHERE e.request_id = r.id AND e.kind = 'refund' AND e.status = 'done') AS holds
            FROM refund_requests r
           WHERE r.platform = p_platform AND r.order_id = p_order_id AND r.id <> p_exclude
             AND r.state IN ('submitted', 'waiting', 'awaiting_approval', 'approved', 'executing', 'failed', 'manual_pending', 'completed')) c
$$;

-- Files requests (one array element each) under a lock on each of their orders: the orders named
-- are locked in key order, and each request is checked against what is left of its order, with
-- what the requests filed before it (in this call too) hold, before it is stored with its `filed`
-- audit row. Two requests filed at the same instant cannot together exceed an order's total.
-- A request whose idempotency key was seen before writes nothing and answers with the first one.
-- Answers per element n: the request's id and whether it was created now, or (id null) what is left
-- to refund of its order, when that is nothing or less than its amount. An order not in the store
-- is not checked (the engine checks it when it decides). PL/pgSQL: each statement after the lock
-- sees what was committed before the lock was granted. The pg adapter runs a migration statement by
-- statement, split at every semicolon, so the body is a string whose semicolons are spelled \073.
CREATE FUNCTION file_requests(
  p_platform text[], p_order_id text[], p_kind text[], p_initiator text[], p_reason text[], p_amount bigint[], p_currency text[],
  p_notify_customer boolean[], p_flag_customer boolean[], p_return_received boolean[], p_note text[], p_requested_at timestamptz[],
  p_requested_by text[], p_origin text[], p_origin_channel text[], p_idempotency_key text[], p_customer_message text[],
  p_customer_filed_cancel boolean[], p_batch_id text[], p_actor_type text[], p_actor text[], p_detail text[])
RETURNS TABLE (n int, id int, created boolean, refundable bigint)
LANGUAGE plpgsql AS E'
DECLARE
  v_left bigint\073
BEGIN
  PERFORM 1 FROM orders o
   WHERE (o.platform, o.order_id) IN (SELECT k.platform, k.order_id FROM unnest(p_platform, p_order_id) AS k(platform, order_id))
   ORDER BY o.platform, o.order_id
     FOR UPDATE\073
  FOR i IN 1 .. coalesce(array_length(p_platform, 1), 0) LOOP
    n := i\073
    id := NULL\073
    created := false\073
    refundable := NULL\073
    IF p_idempotency_key[i] IS NOT NULL THEN
      SELECT r.id INTO id FROM refund_requests r WHERE r.idempotency_key = p_idempotency_key[i]\073
      IF id IS NOT NULL THEN
        RETURN NEXT\073
        CONTINUE\073
      END IF\073
    END IF\073
    SELECT CASE WHEN c.pending_all THEN 0 ELSE GREATEST(0, o.total - o.refunded - c.pending) END INTO v_left
      FROM orders o CROSS JOIN LATERAL order_claims(o.platform, o.order_id, 0, 0) c
     WHERE o.platform = p_platform[i] AND o.order_id = p_order_id[i]\073
    IF FOUND AND (v_left < 1 OR p_amount[i] > v_left) THEN
      refundable := v_left\073
      RETURN NEXT\073
      CONTINUE\073
    END IF\073
    INSERT INTO refund_requests (platform, order_id, kind, initiator, reason, amount, currency, notify_customer, flag_customer, return_received,
                                 note, requested_at, requested_by, origin, origin_channel, idempotency_key, customer_message, customer_filed_cancel,
                                 batch_id, state)
    VALUES (p_platform[i], p_order_id[i], p_kind[i], p_initiator[i], p_reason[i], p_amount[i], p_currency[i], p_notify_customer[i], p_flag_customer[i],
            p_return_received[i], p_note[i], p_requested_at[i], p_requested_by[i], p_origin[i], p_origin_channel[i], p_idempotency_key[i],
            p_customer_message[i], p_customer_filed_cancel[i], p_batch_id[i], ''submitted'')
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING refund_requests.id INTO id\073
    IF id IS NULL THEN
      -- Filed by another transaction since the lookup above: the first request stands.
      SELECT r.id INTO id FROM refund_requests r WHERE r.idempotency_key = p_idempotency_key[i]\073
    ELSE
      created := true\073
      INSERT INTO audit_events (request_id, actor_type, actor, action, from_state, to_state, detail)
      VALUES (id, p_actor_type[i], p_actor[i], ''filed'', NULL, ''submitted'', p_detail[i]::jsonb)\073
    END IF\073
    RETURN NEXT\073
  END LOOP\073
END
';
