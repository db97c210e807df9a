import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { inject } from "vitest";
import { REQUEST_PROJECTION_SQL } from "../../../src/db/request-projection";

/** Every node of an EXPLAIN (FORMAT JSON) plan, depth first. */
function nodesOf(plan: Record<string, unknown>): Record<string, unknown>[] {
  return [plan, ...((plan.Plans as Record<string, unknown>[] | undefined) ?? []).flatMap(nodesOf)];
}

const INDEX_SCANS = new Set(["Index Scan", "Index Only Scan", "Bitmap Index Scan"]);

/**
 * What a statement reads whole (a table scanned, or an index walked end to end with no condition),
 * when the planner is told to avoid sequential scans wherever an index can serve.
 */
async function readWhole(client: pg.Client, sql: string, values: unknown[]): Promise<string[]> {
  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL enable_seqscan = off");
    const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: Record<string, unknown> }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, values);
    return nodesOf(rows[0]!["QUERY PLAN"][0].Plan)
      .filter((node) => node["Node Type"] === "Seq Scan" || (INDEX_SCANS.has(String(node["Node Type"])) && node["Index Cond"] === undefined))
      .map((node) => String(node["Relation Name"] ?? node["Index Name"]));
  } finally {
    await client.query("ROLLBACK");
  }
}

// The projection runs after every change of every request: a table it scans whole costs more with
// every request and every Slack post the bot ever made (it was the ledger, slack_posts).
describe("the Slack projection's statement", () => {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("reads every table through an index, by key", async () => {
    expect(await readWhole(client, REQUEST_PROJECTION_SQL, [1])).toEqual([]);
  });

  it("(the check itself) sees a statement that cannot use an index: the ledger lookup this one replaced", async () => {
    const before = `SELECT (SELECT json_agg(p.key) FROM slack_posts p
      WHERE p.key IN (SELECT 'reply:' || a.id FROM audit_events a WHERE a.request_id = r.id) OR p.key = 'confirm:' || r.id)
      FROM refund_requests r WHERE r.id = $1`;
    expect(await readWhole(client, before, [1])).toEqual([expect.stringMatching(/^slack_posts/)]);
  });
});
