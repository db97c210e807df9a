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

/**
 * The request, its effects, audit trail, posted replies and approvals in one round trip: the
 * Slack projection runs after every change of every request, so it reads with one statement.
 */
export async function loadRequestProjection(db: Db, requestId: number): Promise<RequestProjection | null> {
  const [loaded] = await db.sql.rows<Loaded>(
    "request_projection",
    `SELECT ${REQUEST_COLUMNS},
       COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'provider', e.provider, 'via', e.via, 'status', e.status, 'params', e.params, 'errorCode', e.error_code) ORDER BY e.seq)
                   FROM effects e WHERE e.request_id = r.id), '[]') AS effects,
       COALESCE((SELECT json_agg(json_build_object('id', a.id::text, 'action', a.action, 'actor', a.actor, 'actorType', a.actor_type, 'toState', a.to_state, 'detail', a.detail) ORDER BY a.id)
                   FROM audit_events a WHERE a.request_id = r.id), '[]') AS events,
       COALESCE((SELECT json_agg(p.key) FROM slack_posts p
                   WHERE p.key IN (SELECT 'reply:' || a.id FROM audit_events a WHERE a.request_id = r.id) OR p.key = 'confirm:' || r.id), '[]') AS told,
       COALESCE((SELECT json_agg(json_build_object('approverId', v.approver_id, 'verdict', v.verdict, 'reason', v.reason, 'at', v.at) ORDER BY v.id)
                   FROM approvals v WHERE v.request_id = r.id), '[]') AS answers
     FROM refund_requests r WHERE r.id = $1`,
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

/**
 * Records that the request's message was posted (the first post wins) and which version it shows
 * (never going back, so a late run cannot undo a newer one), in one statement.
 */
export async function markThreadRendered(db: Db, requestId: number, version: number, posted?: { channel: string; ts: string }): Promise<void> {
  await db.sql.rows(
    "mark_thread_rendered",
    `UPDATE refund_requests SET thread_version = GREATEST(thread_version, $2),
            thread_channel = CASE WHEN thread_ts IS NULL THEN COALESCE($3, thread_channel) ELSE thread_channel END,
            thread_ts = COALESCE(thread_ts, $4)
      WHERE id = $1`,
    [requestId, version, posted?.channel ?? null, posted?.ts ?? null],
  );
}

/** As `markThreadRendered`, for the approval message. */
export async function markApprovalRendered(db: Db, requestId: number, version: number, posted?: { channel: string; ts: string | null }): Promise<void> {
  await db.sql.rows(
    "mark_approval_rendered",
    `UPDATE refund_requests SET approval_version = GREATEST(approval_version, $2),
            approval_channel = CASE WHEN approval_ts IS NULL AND $4::text IS NOT NULL THEN $3 ELSE approval_channel END,
            approval_ts = COALESCE(approval_ts, $4)
      WHERE id = $1`,
    [requestId, version, posted?.channel ?? null, posted?.ts ?? null],
  );
}
