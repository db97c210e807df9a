import { afterAll, describe, expect, it } from "vitest";
import { loadRequestProjection, recordRendered } from "../../../src/db/request-projection";
import { fileRequest, type NewRequest } from "../../../src/db/requests";
import type { Sql } from "../../../src/db/sql";
import { testDb } from "../../support/test-db";
import { uniqueOrderId } from "../../support/orders";

const db = testDb();
afterAll(() => db.$disconnect());

/** The statements run on the plain-SQL pool, by name. */
function countStatements(sql: Sql): { counts: Map<string, number>; restore: () => void } {
  const counts = new Map<string, number>();
  const rows = sql.rows.bind(sql);
  sql.rows = (name, text, values) => {
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return rows(name, text, values);
  };
  return { counts, restore: () => void (sql.rows = rows) };
}

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
    const { counts, restore } = countStatements(db.sql);
    try {
      const loaded = await Promise.all([...ids, 2_000_000_000].map((id) => loadRequestProjection(db, id)));
      expect(loaded.map((p) => p?.row.id ?? null)).toEqual([...ids, null]);
      expect(loaded[0]!.events.map((e) => e.action)).toEqual(["filed"]);
      expect(counts.get("request_projections")).toBe(1);
    } finally {
      restore();
    }
  });

  it("records what several projections rendered in one statement: each message, version and ledger post where it belongs", async () => {
    const [a, b, c] = [await file(), await file(), await file()];
    const { counts, restore } = countStatements(db.sql);
    try {
      await Promise.all([
        recordRendered(db, a, 2, { thread: { posted: { channel: "CREQ", ts: "1.000100" } }, post: { key: `confirm:${a}`, channel: "C1", ts: "" } }),
        recordRendered(db, b, 3, { approval: { posted: { channel: "CAPP", ts: "2.000200" } } }),
        recordRendered(db, c, 1, { post: { key: `confirm:${c}`, channel: "C2", ts: "" } }),
      ]);
      expect(counts.get("record_rendered")).toBe(1);
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
  it("run without JIT compilation, on both pools (plain SQL and Prisma's)", async () => {
    expect(await db.sql.rows<{ jit: string }>("show_jit", "SHOW jit")).toEqual([{ jit: "off" }]);
    expect(await db.$queryRaw<{ jit: string }[]>`SHOW jit`).toEqual([{ jit: "off" }]);
  });

  it("prepare the plain-SQL statements once and plan them for their values on every run, never with a kept plan", async () => {
    expect(await db.sql.rows("show_plan_cache_mode", "SHOW plan_cache_mode")).toEqual([{ plan_cache_mode: "force_custom_plan" }]);
    const id = await file();
    // One at a time, so the pool hands out the same connection each time.
    for (let run = 0; run < 8; run++) expect((await loadRequestProjection(db, id))?.row.id).toBe(id);
    const [plans] = await db.sql.rows<{ generic: string; custom: string }>(
      "projection_plans",
      "SELECT generic_plans::text AS generic, custom_plans::text AS custom FROM pg_prepared_statements WHERE name = 'request_projections'",
    );
    expect(plans?.generic).toBe("0");
    expect(Number(plans?.custom)).toBeGreaterThanOrEqual(8);
  });
});
