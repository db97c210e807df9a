import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { setNextApprovalTimers } from "../../../src/db/approval-timers";
import { decideMembers } from "../../../src/db/batch-member-moves";
import { recordRendered } from "../../../src/db/request-projection";
import { fileRequest, type NewRequest } from "../../../src/db/requests";
import { databaseUrl } from "../../support/file-database";
import { uniqueOrderId } from "../../support/orders";
import { testDb } from "../../support/test-db";

const db = testDb();
// Another session, holding a request's row lock as a concurrent statement would.
const holder = new pg.Client({ connectionString: databaseUrl() });
beforeAll(() => holder.connect());
afterAll(async () => {
  await holder.end();
  await db.$disconnect();
});

function newRequest(): NewRequest {
  return {
    platform: "qoo10", orderId: uniqueOrderId(), kind: "cancel", initiator: "store", reason: "out_of_stock", currency: "JPY",
    notifyCustomer: false, flagCustomer: false, returnReceived: false, requestedAt: new Date(), requestedBy: "U0AGENT", origin: "slack",
  };
}

const file = async () => (await fileRequest(db, newRequest(), { type: "user", id: "U0AGENT" })).id;

/** Until a session waits for the transaction `xid` (the holder's lock); false if none did within 5 s. */
async function someoneWaitsFor(xid: string): Promise<boolean> {
  for (let i = 0; i < 250; i++) {
    const rows = await db.sql.rows<{ n: number }>("lock_order_test_waiting", "SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid' AND transactionid::text = $1", [xid]);
    if (rows[0]!.n > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/**
 * Runs `statement` over two requests given highest id first, while another session holds the
 * higher one's lock: a statement that locks in ascending id order has taken the lower one by the
 * time it waits (the other session cannot take it), one that locks in its input's order has not.
 */
async function lowerTakenWhileWaitingForHigher(statement: (high: number, low: number) => Promise<unknown>): Promise<boolean> {
  const [low, high] = [await file(), await file()];
  // The lower one's row now lies after the higher one's in the table: a plan that reads the table
  // in its own order, not the input's, meets the higher one first.
  await holder.query("UPDATE refund_requests SET updated_at = now() WHERE id = $1", [low]);
  await holder.query("BEGIN");
  let running: Promise<unknown> | undefined;
  try {
    await holder.query("SELECT 1 FROM refund_requests WHERE id = $1 FOR UPDATE", [high]);
    const { rows } = await holder.query<{ xid: string }>("SELECT txid_current()::text AS xid");
    running = statement(high, low);
    expect(await someoneWaitsFor(rows[0]!.xid)).toBe(true);
    try {
      await holder.query("SELECT 1 FROM refund_requests WHERE id = $1 FOR UPDATE NOWAIT", [low]);
      return false;
    } catch (error) {
      expect((error as { code?: string }).code).toBe("55P03");
      return true;
    }
  } finally {
    await holder.query("ROLLBACK");
    await running;
  }
}

// Two statements locking the same requests in different orders deadlock, and Postgres breaks the
// deadlock only after a second (deadlock_timeout), holding up every write to those requests.
describe("statements that change many requests lock them in ascending id order", () => {
  it("the approval timers' pass", async () => {
    const at = new Date(Date.now() + 60_000);
    expect(await lowerTakenWhileWaitingForHigher((high, low) => setNextApprovalTimers(db, [{ id: high, at }, { id: low, at }]))).toBe(true);
  });

  it("the Slack projection's records, made together", async () => {
    const record = (id: number) => recordRendered(db, id, 1, { thread: { posted: { channel: "CREQ", ts: `${id}.000100` } } });
    expect(await lowerTakenWhileWaitingForHigher((high, low) => Promise.all([record(high), record(low)]))).toBe(true);
  });

  it("the decisions of a window or a slice", async () => {
    const move = (requestId: number) => ({ requestId, to: "denied" as const, action: "decided" as const, detail: {} });
    expect(await lowerTakenWhileWaitingForHigher((high, low) => decideMembers(db, [move(high), move(low)], { type: "system", id: "test" }))).toBe(true);
  });
});
