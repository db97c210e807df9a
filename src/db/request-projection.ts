import type { Db } from "./client";
import type { EffectRow } from "./effects";
import { batcherPerOwner, InFlightBatcher } from "./in-flight-batcher";
import { inLockOrder } from "./lock-order";
import { columnsOf, type Sql } from "./sql";
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

/** One approver's answer, as the projection reads it. */
export interface ProjectionAnswer {
  approverId: string;
  verdict: string;
  reason: string | null;
  at: Date;
}

/** Everything a request's Slack messages show, and which thread replies were posted already. */
export interface RequestProjection {
  row: RequestRow;
  effects: ProjectionEffect[];
  /** The audit trail, oldest first. */
  events: ProjectionEvent[];
  /** Keys of the posts already made: thread replies (`reply:<audit id>`), the agent's confirmation (`confirm:<request id>`). */
  told: Set<string>;
  answers: ProjectionAnswer[];
}

type Loaded = RequestRow & {
  effects: ProjectionEffect[];
  events: (Omit<ProjectionEvent, "id"> & { id: string })[];
  told: string[];
  answers: (Omit<ProjectionAnswer, "at"> & { at: string })[];
};

/** The statement `loadRequestProjection` runs ($1: the requests' ids); exported for the test of its plan. */
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
 FROM refund_requests r WHERE r.id = ANY ($1::int[])`;

/**
 * Loads of the projections asked for while one is in flight go together: many syncs run side by
 * side (a chunk's lanes, other jobs), and each projection is one row of the same statement.
 */
const projectionLoader = batcherPerOwner(
  (sql: Sql) =>
    new InFlightBatcher<number, Loaded | undefined>(
      async (ids) => {
        const rows = await sql.byKey<Loaded>("request_projections", REQUEST_PROJECTION_SQL, [[...new Set(ids)]]);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id));
      },
      { maxInFlight: 2, maxBatch: 64 },
    ),
);

/**
 * The request, its effects, audit trail, posted replies and approvals in one row: the Slack
 * projection runs after every change of every request, so it reads with one statement (shared
 * with the other projections loaded at the same time).
 */
export async function loadRequestProjection(db: Db, requestId: number): Promise<RequestProjection | null> {
  const loaded = await projectionLoader(db.sql).run(requestId);
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

interface RenderedRecord {
  requestId: number;
  version: number;
  rendered: Rendered;
}

/** The statement `recordRendered` runs for many records: one array per column, one element per record; exported for the test of its plan. */
export const RECORD_RENDERED_SQL = `WITH input AS (
       SELECT * FROM unnest($1::int[], $2::bool[], $3::bool[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
         AS i(id, thread, approval, version, thread_channel, thread_ts, approval_channel, approval_ts, post_key, post_channel, post_ts)
     ), request AS (
       UPDATE refund_requests r SET
              thread_version = CASE WHEN i.thread THEN GREATEST(r.thread_version, i.version) ELSE r.thread_version END,
              thread_channel = CASE WHEN i.thread AND r.thread_ts IS NULL THEN COALESCE(i.thread_channel, r.thread_channel) ELSE r.thread_channel END,
              thread_ts = CASE WHEN i.thread THEN COALESCE(r.thread_ts, i.thread_ts) ELSE r.thread_ts END,
              approval_version = CASE WHEN i.approval THEN GREATEST(r.approval_version, i.version) ELSE r.approval_version END,
              approval_channel = CASE WHEN i.approval AND r.approval_ts IS NULL AND i.approval_ts IS NOT NULL THEN i.approval_channel ELSE r.approval_channel END,
              approval_ts = CASE WHEN i.approval THEN COALESCE(r.approval_ts, i.approval_ts) ELSE r.approval_ts END
         FROM input i
        WHERE r.id = i.id AND (i.thread OR i.approval)
        RETURNING r.id
     ), ledger AS (
       INSERT INTO slack_posts (key, channel, ts) SELECT post_key, post_channel, post_ts FROM input WHERE post_key IS NOT NULL
       ON CONFLICT (key) DO NOTHING
       RETURNING key
     )
     SELECT (SELECT count(*) FROM request) AS requests, (SELECT count(*) FROM ledger) AS posts`;

function recordColumns(records: readonly RenderedRecord[]): unknown[][] {
  return columnsOf(
    records.map(({ requestId, version, rendered: { thread, approval, post } }) => [
      requestId, thread !== undefined, approval !== undefined, version,
      thread?.posted?.channel ?? null, thread?.posted?.ts ?? null, approval?.posted?.channel ?? null, approval?.posted?.ts ?? null,
      post?.key ?? null, post?.channel ?? null, post?.ts ?? null,
    ]),
  );
}

/** Splits records so that no request appears twice in one statement (an UPDATE … FROM applies only one of two rows for it). */
function withoutRepeats(records: readonly RenderedRecord[]): RenderedRecord[][] {
  const rounds: RenderedRecord[][] = [];
  const seen: Set<number>[] = [];
  for (const record of records) {
    let round = seen.findIndex((ids) => !ids.has(record.requestId));
    if (round < 0) {
      round = rounds.length;
      rounds.push([]);
      seen.push(new Set());
    }
    rounds[round]!.push(record);
    seen[round]!.add(record.requestId);
  }
  return rounds;
}

const recorder = batcherPerOwner(
  (sql: Sql) =>
    new InFlightBatcher<RenderedRecord, void>(
      async (records) => {
        for (const round of withoutRepeats(records)) await sql.byKey("record_rendered", RECORD_RENDERED_SQL, recordColumns(inLockOrder(round, (r) => r.requestId)));
        return records.map(() => undefined);
      },
      { maxInFlight: 2, maxBatch: 64 },
    ),
);

/**
 * Records what a projection rendered: the messages posted (the first post wins) and the version
 * each shows (never going back, so a late run cannot undo a newer one), and a post in the ledger
 * (a second record of the same key changes nothing). Records made while one is in flight are
 * written together, in one statement.
 */
export async function recordRendered(db: Db, requestId: number, version: number, rendered: Rendered): Promise<void> {
  const { thread, approval, post } = rendered;
  if (!thread && !approval && !post) return;
  await recorder(db.sql).run({ requestId, version, rendered });
}
