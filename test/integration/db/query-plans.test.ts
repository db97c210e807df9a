import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { RECORD_RENDERED_SQL, REQUEST_PROJECTION_SQL } from "../../../src/db/request-projection";
import { PROJECTIONS_BEHIND_SQL } from "../../../src/db/sweep-queries";
import { DUE_APPROVAL_TIMERS_SQL } from "../../../src/db/due-approval-timers";
import { FILE_REQUESTS_SQL, REQUEST_BY_ID_SQL } from "../../../src/db/requests";
import { ORDER_BY_KEY_SQL, ORDERS_BY_KEYS_SQL } from "../../../src/db/orders";
import { REMEMBER_POST_SQL } from "../../../src/db/slack-posts";
import { BY_KEY_SESSION_OPTIONS } from "../../../src/db/sql";
import { databaseUrl } from "../../support/file-database";

/** Every node of an EXPLAIN (FORMAT JSON) plan, depth first. */
function nodesOf(plan: Record<string, unknown>): Record<string, unknown>[] {
  return [plan, ...((plan.Plans as Record<string, unknown>[] | undefined) ?? []).flatMap(nodesOf)];
}

const INDEX_SCANS = new Set(["Index Scan", "Index Only Scan", "Bitmap Index Scan"]);

/**
 * What a statement reads whole (a table scanned, or an index walked end to end with no condition),
 * when the planner is told to avoid sequential scans wherever an index can serve. A partial index
 * walked end to end is not reading whole: it holds only the rows its condition picks.
 */
async function isPartial(client: pg.Client, index: string): Promise<boolean> {
  const { rows } = await client.query<{ partial: boolean }>("SELECT indpred IS NOT NULL AS partial FROM pg_index WHERE indexrelid = $1::regclass", [index]);
  return rows[0]?.partial ?? false;
}

/**
 * The plan's nodes, with sequential scans off (a small test table would otherwise be scanned
 * whatever indexes exist), after `before` (run in the same transaction, rolled back with it).
 */
async function planNodes(client: pg.Client, sql: string, values: unknown[], before: string[] = []): Promise<Record<string, unknown>[]> {
  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL enable_seqscan = off");
    for (const statement of before) await client.query(statement);
    const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: Record<string, unknown> }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, values);
    return nodesOf(rows[0]!["QUERY PLAN"][0].Plan);
  } finally {
    await client.query("ROLLBACK");
  }
}

async function readWhole(client: pg.Client, sql: string, values: unknown[], before: string[] = []): Promise<string[]> {
  const whole: string[] = [];
  for (const node of await planNodes(client, sql, values, before)) {
    if (node["Node Type"] === "Seq Scan") whole.push(String(node["Relation Name"]));
    else if (INDEX_SCANS.has(String(node["Node Type"])) && node["Index Cond"] === undefined && !(await isPartial(client, String(node["Index Name"])))) whole.push(String(node["Index Name"]));
  }
  return whole;
}

// The projection runs after every change of every request: a table it scans whole costs more with
// every request and every Slack post the bot ever made (it was the ledger, slack_posts).
describe("the Slack projection's statement", () => {
  const client = new pg.Client({ connectionString: databaseUrl() });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("reads every table through an index, by key", async () => {
    expect(await readWhole(client, REQUEST_PROJECTION_SQL, [[1]])).toEqual([]);
  });

  it("(the check itself) sees a statement that cannot use an index: the ledger lookup this one replaced", async () => {
    const before = `SELECT (SELECT json_agg(p.key) FROM slack_posts p
      WHERE p.key IN (SELECT 'reply:' || a.id FROM audit_events a WHERE a.request_id = r.id) OR p.key = 'confirm:' || r.id)
      FROM refund_requests r WHERE r.id = $1`;
    expect(await readWhole(client, before, [1])).toEqual([expect.stringMatching(/^slack_posts/)]);
  });
});

// The sweeper runs this every 15 s: read whole, it cost 47 ms at 36,000 requests, and more with every
// request ever filed; its partial index holds only the requests whose Slack messages are behind.
describe("the sweeper's statement for Slack messages behind", () => {
  const client = new pg.Client({ connectionString: databaseUrl() });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("reads only the requests that are behind, through their partial index", async () => {
    expect(await readWhole(client, PROJECTIONS_BEHIND_SQL, [new Date(), 500])).toEqual([]);
    // (the check itself) without that index, the statement walks every request
    expect(await readWhole(client, PROJECTIONS_BEHIND_SQL, [new Date(), 500], ["DROP INDEX refund_requests_projection_behind_idx"])).toEqual(["refund_requests_pkey"]);
  });
});

// The timer pass runs every 15 s: it must cost what is due, not what waits (or what was ever filed).
describe("the approval timer pass's statement", () => {
  const client = new pg.Client({ connectionString: databaseUrl() });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("reads the due requests through the partial index of waiting ones, and their trails by key", async () => {
    expect(await readWhole(client, DUE_APPROVAL_TIMERS_SQL, [1000])).toEqual([]);
    expect((await planNodes(client, DUE_APPROVAL_TIMERS_SQL, [1000])).map((node) => node["Index Name"])).toContain("refund_requests_approval_timer_idx");
  });
});

/**
 * What a kept (generic) plan of `sql` reads other than by key, on a connection of the by-key pool: a
 * table scanned, an index walked whole, or an index read by a condition that no key given or joined
 * takes part in (a constant, as `state = 'submitted'`: every request in that state). The plan is made
 * as the pool makes it, at the statement's first run on a connection: here, on a near-empty database,
 * where a walk is cheapest, so where a plan kept for later would most likely be one.
 */
async function readNotByKey(client: pg.Client, sql: string, values: unknown[]): Promise<string[]> {
  await client.query(`PREPARE kept AS ${sql}`);
  try {
    const args = values.map((value) => literal(client, value)).join(", ");
    const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: Record<string, unknown> }] }>(`EXPLAIN (FORMAT JSON) EXECUTE kept(${args})`);
    const notByKey: string[] = [];
    for (const node of nodesOf(rows[0]!["QUERY PLAN"][0].Plan)) {
      const type = String(node["Node Type"]);
      const condition = node["Index Cond"] === undefined ? undefined : String(node["Index Cond"]);
      if (type === "Seq Scan") notByKey.push(`${String(node["Relation Name"])} scanned`);
      else if (INDEX_SCANS.has(type) && condition === undefined && !(await isPartial(client, String(node["Index Name"])))) notByKey.push(`${String(node["Index Name"])} walked`);
      // A key given ($1) or joined (k.id): anything else is a constant.
      else if (condition !== undefined && !/\$\d|\b[a-z_]\w*\.[a-z_]\w*\b/.test(condition)) notByKey.push(`${String(node["Index Name"])} read by ${condition}`);
    }
    return notByKey;
  } finally {
    await client.query("DEALLOCATE kept");
  }
}

/** A value as an SQL literal of no type yet (EXECUTE gives it the parameter's): EXPLAIN EXECUTE takes no bound values. */
function literal(client: pg.Client, value: unknown): string {
  if (value === null) return "NULL";
  if (Array.isArray(value)) return client.escapeLiteral(`{${value.map((item) => (item === null ? "NULL" : `"${String(item).replace(/["\\]/g, "\\$&")}"`)).join(",")}}`);
  return client.escapeLiteral(String(value));
}

// These statements keep the plan made at their first run on a connection (sql.ts): every one must
// be a lookup by key whatever the tables' sizes were then.
describe("the statements planned once per connection, by key", () => {
  const client = new pg.Client({ connectionString: databaseUrl(), options: BY_KEY_SESSION_OPTIONS });
  beforeAll(() => client.connect());
  afterAll(() => client.end());
  const filing = ["qoo10", "Q1", "cancel", "store", "out_of_stock", null, "JPY", false, false, false, null, new Date().toISOString(), "U1", "slack", null, "k1", null, false, null, "user", "U1", "{}"];

  it.each([
    ["order_by_key", ORDER_BY_KEY_SQL, ["qoo10", "Q1"]],
    ["orders_by_keys", ORDERS_BY_KEYS_SQL, [["qoo10", "cyberbiz"], ["Q1", "C1"]]],
    ["request_by_id", REQUEST_BY_ID_SQL, [1]],
    ["request_projections", REQUEST_PROJECTION_SQL, [[1, 2]]],
    ["record_rendered", RECORD_RENDERED_SQL, [[1], [true], [false], [2], ["C1"], ["1.0"], [null], [null], ["confirm:1"], ["C1"], ["1.1"]]],
    ["file_requests", FILE_REQUESTS_SQL, filing.map((value) => [value])],
    ["remember_post", REMEMBER_POST_SQL, ["confirm:1", "C1", "1.1"]],
  ])("%s reads and writes by key only", async (_name, sql, values) => {
    expect(await readNotByKey(client, sql, values)).toEqual([]);
  });

  it("(the check itself) sees a table scanned, and an index read by a constant", async () => {
    expect(await readNotByKey(client, "SELECT order_id FROM orders WHERE status = $1", ["shipped"])).toEqual(["orders scanned"]);
    expect(await readNotByKey(client, "SELECT id FROM unnest($1::int[]) AS k(id) JOIN refund_requests USING (id) WHERE state = 'submitted'", [[1]])).toEqual([
      expect.stringMatching(/^refund_requests_state_idx read by/),
    ]);
  });
});
