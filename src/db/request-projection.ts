import type { ApprovalAnswer } from "../slack/messages/approval-message";
import type { Db } from "./client";
import type { EffectRow } from "./effects";
import { REQUEST_COLUMNS, type RequestRow } from "./requests";

export type ProjectionEffect = Pick<EffectRow, "kind" | "provider" | "via" | "status" | "params" | "errorCode">;

export interface ProjectionEvent {
  id: bigint;
  action: string;
  actor: string;
  actorType: string;
  toState: string | null;
  detail: unknown;
}

/** Everything a request's Slack messages show, and which thread replies were posted already. */
export interface RequestProjection {
  row: RequestRow;
  effects: ProjectionEffect[];
  /** The audit trail, oldest first. */
  events: ProjectionEvent[];
  /** Keys of the posts already made: thread replies (`reply:<audit id>`), the agent's confirmation (`confirm:<request id>`). */
  told: Set<string>;
  answers: ApprovalAnswer[];
}

type Loaded = RequestRow & {
  effects: ProjectionEffect[];
  events: (Omit<ProjectionEvent, "id"> & { id: string })[];
  told: string[];
  answers: (Omit<ApprovalAnswer, "at"> & { at: string })[];
};

/** The statement `loadRequestProjection` runs ($1: the request id); exported for the test of its plan. */
export const REQUEST_PROJECTION_SQL = `SELECT ${REQUEST_COLUMNS},
   COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'provider', e.provider, 'via', e.via, 'status', e.status, 'params', e.params, 'errorCode', e.error_code) ORDER BY e.seq)
               FROM effects e WHERE e.request_id = r.id), '[]') AS effects,
   COALESCE((SELECT json_agg(json_build_object('id', a.id::text, 'action', a.action, 'actor', a.actor, 'actorType', a.actor_type, 'toState', a.to_state, 'detail', a.detail) ORDER BY a.id)
               FROM audit_events a WHERE a.request_id = r.id), '[]') AS events,
   -- The ledger is looked up by key (= ANY of an array): an IN (subquery) OR … here made Postgres
   -- scan the whole ledger for every projection, a cost that grew with every post ever made.
   COALESCE((SELECT json_agg(p.key) FROM slack_posts p
               WHERE p.key = ANY (ARRAY(SELECT 'reply:' || a.id FROM audit_events a WHERE a.request_id = r.id) || ('confirm:' || r.id))), '[]') AS told,
   COALESCE((SELECT json_agg(json_build_object('approverId', v.approver_id, 'verdict', v.verdict, 'reason', v.reason, 'at', v.at) ORDER BY v.id)
               FROM approvals v WHERE v.request_id = r.id), '[]') AS answers
 FROM refund_requests r WHERE r.id = $1`;

/**
 * The request, its effects, audit trail, posted replies and approvals in one round trip: the
 * Slack projection runs after every change of every request, so it reads with one statement.
 */
export async function loadRequestProjection(db: Db, requestId: number): Promise<RequestProjection | null> {
  const [loaded] = await db.sql.rows<Loaded>(
    "request_projection",
    REQUEST_PROJECTION_SQL,
    [requestId],
  );
  if (!loaded) return null;
  const { effects, events, told, answers, ...row } = loaded;
  return {
    row,
    effects,
    events: events.map((event) => ({ ...event, id: BigInt(event.id) })),
    told: new Set(told),
    answers: answers.map((answer) => ({ ...answer, at: new Date(answer.at) })),
  };
}

/** What one projection of a request put on Slack, to be recorded together. */
export interface Rendered {
  /** The request's message shows `version` now; `posted` when it was posted by this run. */
  thread?: { posted?: { channel: string; ts: string } };
  /** As `thread`, for the approval message. */
  approval?: { posted?: { channel: string; ts: string | null } };
  /** A post for the `slack_posts` ledger (the agent's confirmation). */
  post?: { key: string; channel: string; ts: string };
}

/**
 * Records what a projection rendered, in one statement: the messages posted (the first post wins)
 * and the version each shows (never going back, so a late run cannot undo a newer one), and a post
 * in the ledger (a second record of the same key changes nothing).
 */
export async function recordRendered(db: Db, requestId: number, version: number, rendered: Rendered): Promise<void> {
  const { thread, approval, post } = rendered;
  if (!thread && !approval && !post) return;
  await db.sql.rows(
    "record_rendered",
    `WITH request AS (
       UPDATE refund_requests SET
              thread_version = CASE WHEN $2 THEN GREATEST(thread_version, $4) ELSE thread_version END,
              thread_channel = CASE WHEN $2 AND thread_ts IS NULL THEN COALESCE($5, thread_channel) ELSE thread_channel END,
              thread_ts = CASE WHEN $2 THEN COALESCE(thread_ts, $6) ELSE thread_ts END,
              approval_version = CASE WHEN $3 THEN GREATEST(approval_version, $4) ELSE approval_version END,
              approval_channel = CASE WHEN $3 AND approval_ts IS NULL AND $8::text IS NOT NULL THEN $7 ELSE approval_channel END,
              approval_ts = CASE WHEN $3 THEN COALESCE(approval_ts, $8) ELSE approval_ts END
        WHERE id = $1 AND ($2 OR $3)
        RETURNING id
     ), ledger AS (
       INSERT INTO slack_posts (key, channel, ts) SELECT $9, $10, $11 WHERE $9::text IS NOT NULL
       ON CONFLICT (key) DO NOTHING
       RETURNING key
     )
     SELECT (SELECT count(*) FROM request) AS requests, (SELECT count(*) FROM ledger) AS posts`,
    [
      requestId, thread !== undefined, approval !== undefined, version,
      thread?.posted?.channel ?? null, thread?.posted?.ts ?? null, approval?.posted?.channel ?? null, approval?.posted?.ts ?? null,
      post?.key ?? null, post?.channel ?? null, post?.ts ?? null,
    ],
  );
}
