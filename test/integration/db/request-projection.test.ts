import { afterAll, describe, expect, it } from "vitest";
import { loadRequestProjection, recordRendered } from "../../../src/db/request-projection";
import { fileRequest, type NewRequest } from "../../../src/db/requests";
import { testDb } from "../../support/test-db";
import { uniqueOrderId } from "../../support/orders";
import { watchStatements } from "../../support/sql-statements";

const db = testDb();
afterAll(() => db.$disconnect());

/** How many of `statements` ran under `name`. */
const runsOf = (statements: { name: string }[], name: string) => statements.filter((s) => s.name === name).length;

function newRequest(): NewRequest {
  return {
    platform: "qoo10", orderId: uniqueOrderId(), kind: "cancel", initiator: "store", reason: "out_of_stock", currency: "JPY",
    notifyCustomer: false, flagCustomer: false, returnReceived: false, requestedAt: new Date(), requestedBy: "U0AGENT", origin: "slack",
  };
}

const file = async () => (await fileRequest(db, newRequest(), { type: "user", id: "U0AGENT" })).id;

describe("the Slack projection's statements, shared by projections made at the same time", () => {
  it("loads the projections asked for together in one statement, each caller getting its own request (or none)", async () => {
    const ids = [await file(), await file(), await file()];
    const { statements, restore } = watchStatements(db.sql);
    try {
      const loaded = await Promise.all([...ids, 2_000_000_000].map((id) => loadRequestProjection(db, id)));
      expect(loaded.map((p) => p?.row.id ?? null)).toEqual([...ids, null]);
      expect(loaded[0]!.events.map((e) => e.action)).toEqual(["filed"]);
      expect(runsOf(statements, "request_projections")).toBe(1);
    } finally {
      restore();
    }
  });

  it("records what several projections rendered in one statement: each message, version and ledger post where it belongs", async () => {
    const [a, b, c] = [await file(), await file(), await file()];
    const { statements, restore } = watchStatements(db.sql);
    try {
      await Promise.all([
        recordRendered(db, a, 2, { thread: { posted: { channel: "CREQ", ts: "1.000100" } }, post: { key: `confirm:${a}`, channel: "C1", ts: "" } }),
        recordRendered(db, b, 3, { approval: { posted: { channel: "CAPP", ts: "2.000200" } } }),
        recordRendered(db, c, 1, { post: { key: `confirm:${c}`, channel: "C2", ts: "" } }),
      ]);
      expect(runsOf(statements, "record_rendered")).toBe(1);
    } finally {
      restore();
    }
    const rows = await db.refundRequest.findMany({ where: { id: { in: [a, b, c] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.threadChannel, r.threadTs, r.threadVersion, r.approvalChannel, r.approvalTs, r.approvalVersion])).toEqual([
      ["CREQ", "1.000100", 2, null, null, -1],
      [null, null, -1, "CAPP", "2.000200", 3],
      [null, null, -1, null, null, -1],
    ]);
    expect((await db.slackPost.findMany({ where: { key: { in: [`confirm:${a}`, `confirm:${c}`] } }, orderBy: { key: "asc" } })).map((p) => p.channel).sort()).toEqual(["C1", "C2"]);
  });

  it("applies two records of one request made together both: the newer version stands and the first post wins", async () => {
    const id = await file();
    await Promise.all([
      recordRendered(db, id, 5, { thread: { posted: { channel: "CREQ", ts: "5.000500" } } }),
      recordRendered(db, id, 4, { thread: { posted: { channel: "CREQ", ts: "4.000400" } } }),
    ]);
    const row = await db.refundRequest.findUniqueOrThrow({ where: { id } });
    expect([row.threadTs, row.threadVersion]).toEqual(["5.000500", 5]);
  });
});

describe("the app's connections to Postgres", () => {
  it("run without JIT compilation, on every pool (plain SQL, by key, and Prisma's)", async () => {
    expect(await db.sql.rows<{ jit: string }>("show_jit", "SHOW jit")).toEqual([{ jit: "off" }]);
    expect(await db.sql.byKey<{ jit: string }>("show_jit", "SHOW jit")).toEqual([{ jit: "off" }]);
    expect(await db.$queryRaw<{ jit: string }[]>`SHOW jit`).toEqual([{ jit: "off" }]);
  });

  it("plan the plain-SQL statements for their values on every run, never with a kept plan", async () => {
    expect(await db.sql.rows("show_plan_cache_mode", "SHOW plan_cache_mode")).toEqual([{ plan_cache_mode: "force_custom_plan" }]);
    expect(await db.sql.rows("show_enable_seqscan", "SHOW enable_seqscan")).toEqual([{ enable_seqscan: "on" }]);
  });

  it("plan the statements by key once per connection, where nothing but index lookups can be planned", async () => {
    const settings = "SELECT current_setting('plan_cache_mode') AS mode, current_setting('enable_seqscan') AS seqscan, current_setting('enable_hashjoin') AS hashjoin, current_setting('enable_mergejoin') AS mergejoin";
    expect(await db.sql.byKey("by_key_settings", settings)).toEqual([{ mode: "force_generic_plan", seqscan: "off", hashjoin: "off", mergejoin: "off" }]);
    const id = await file();
    // One at a time, so the pool hands out the same connection each time.
    for (let run = 0; run < 8; run++) expect((await loadRequestProjection(db, id))?.row.id).toBe(id);
    const [plans] = await db.sql.byKey<{ generic: string; custom: string }>(
      "projection_plans",
      "SELECT generic_plans::text AS generic, custom_plans::text AS custom FROM pg_prepared_statements WHERE name = 'request_projections'",
    );
    expect(Number(plans?.generic)).toBeGreaterThanOrEqual(8);
    expect(plans?.custom).toBe("0");
  });
});
