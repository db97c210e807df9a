import { afterAll, describe, expect, it } from "vitest";
import { fileRequest, transitionRequest, type NewRequest } from "../../../src/db/requests";
import { testDb } from "../../support/test-db";
import { uniqueOrderId } from "../../support/orders";
import { watchStatements } from "../../support/sql-statements";

const db = testDb();
afterAll(() => db.$disconnect());

function newRequest(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    platform: "qoo10",
    orderId: uniqueOrderId(),
    kind: "cancel",
    initiator: "store",
    reason: "out_of_stock",
    currency: "JPY",
    notifyCustomer: false,
    flagCustomer: false,
    returnReceived: false,
    requestedAt: new Date(),
    requestedBy: "U0AGENT",
    origin: "slack",
    ...overrides,
  };
}

describe("filing and moving requests", () => {
  it("files a request with its first audit row, in one statement", async () => {
    const { statements, restore } = watchStatements(db.sql);
    let filed: { id: number; created: boolean };
    try {
      filed = await fileRequest(db, newRequest(), { type: "user", id: "U0AGENT" });
    } finally {
      restore();
    }
    expect(statements.map((s) => s.name)).toEqual(["file_requests"]);
    const { id, created } = filed;
    expect(created).toBe(true);
    const trail = await db.auditEvent.findMany({ where: { requestId: id } });
    expect(trail).toMatchObject([{ action: "filed", actorType: "user", actor: "U0AGENT", fromState: null, toState: "submitted" }]);
  });

  it("a second filing with the same idempotency key finds the first request and writes nothing", async () => {
    const key = `test:${uniqueOrderId()}`;
    const first = await fileRequest(db, newRequest({ idempotencyKey: key }), { type: "user", id: "U1" });
    const second = await fileRequest(db, newRequest({ idempotencyKey: key }), { type: "user", id: "U1" });
    expect(second).toEqual({ id: first.id, created: false });
    expect(await db.refundRequest.count({ where: { idempotencyKey: key } })).toBe(1);
    expect(await db.auditEvent.count({ where: { requestId: first.id } })).toBe(1);
  });

  it("files requests submitted together in one statement, each with its own id and first audit row", async () => {
    const { statements, restore } = watchStatements(db.sql);
    const key = `test:${uniqueOrderId()}`;
    try {
      const filed = await Promise.all([
        fileRequest(db, newRequest({ idempotencyKey: key }), { type: "user", id: "U1" }),
        fileRequest(db, newRequest({ idempotencyKey: `${key}:b`, amount: 300 }), { type: "intake", id: "shop" }),
        // The same key twice in one statement: the second finds the first.
        fileRequest(db, newRequest({ idempotencyKey: key }), { type: "user", id: "U1" }),
      ]);
      expect(statements.filter((s) => s.name === "file_requests")).toHaveLength(1);
      expect(filed.map((f) => f.created)).toEqual([true, true, false]);
      expect(filed[2]!.id).toBe(filed[0]!.id);
      const stored = await db.refundRequest.findMany({ where: { idempotencyKey: { in: [key, `${key}:b`] } }, orderBy: { id: "asc" } });
      expect(stored.map((r) => [r.id, r.amount, r.state])).toEqual([[filed[0]!.id, null, "submitted"], [filed[1]!.id, 300n, "submitted"]]);
      const trail = await db.auditEvent.findMany({ where: { requestId: { in: stored.map((r) => r.id) } }, orderBy: { requestId: "asc" } });
      expect(trail.map((e) => [e.requestId, e.action, e.actorType, e.actor])).toEqual([[filed[0]!.id, "filed", "user", "U1"], [filed[1]!.id, "filed", "intake", "shop"]]);
    } finally {
      restore();
    }
  });

  it("a request the database refuses fails alone: the others filed with it are stored", async () => {
    const [good, bad] = await Promise.allSettled([
      fileRequest(db, newRequest({ idempotencyKey: `test:${uniqueOrderId()}` }), { type: "user", id: "U1" }),
      fileRequest(db, newRequest({ idempotencyKey: `test:${uniqueOrderId()}`, amount: -5 }), { type: "user", id: "U1" }),
    ]);
    expect(bad).toMatchObject({ status: "rejected", reason: expect.objectContaining({ message: expect.stringMatching(/amount_check/) }) });
    expect(good.status).toBe("fulfilled");
    const id = (good as PromiseFulfilledResult<{ id: number }>).value.id;
    expect(await db.auditEvent.count({ where: { requestId: id, action: "filed" } })).toBe(1);
  });

  it("of two concurrent moves out of the same state, exactly one happens, with one audit row", async () => {
    const { id } = await fileRequest(db, newRequest(), { type: "user", id: "U1" });
    await transitionRequest(db, { requestId: id, from: ["submitted"], to: "awaiting_approval", action: "decided", actor: { type: "system", id: "test" } });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        transitionRequest(db, { requestId: id, from: ["awaiting_approval"], to: i % 2 ? "approved" : "denied", action: "decision", actor: { type: "user", id: `U${i}` } }),
      ),
    );
    expect(results.filter((r) => r.moved)).toHaveLength(1);
    const row = await db.refundRequest.findUniqueOrThrow({ where: { id } });
    expect(row.version).toBe(2);
    const trail = await db.auditEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } });
    expect(trail.map((e) => e.action)).toEqual(["filed", "decided", "decision"]);
    expect(trail[2]).toMatchObject({ fromState: "awaiting_approval", toState: row.state });
  });

  it("keeps the decision and the order snapshot given with a move", async () => {
    const { id } = await fileRequest(db, newRequest(), { type: "user", id: "U1" });
    const decision = { outcome: "reject" as const, ruleIds: ["Q8"], refundAmount: 0, feeBearer: "none" as const, restore: { points: 0, coupons: [] }, buyerNoticeRequired: false, explanation: "Shipped." };
    const moved = await transitionRequest(db, { requestId: id, from: ["submitted"], to: "rejected", action: "decided", actor: { type: "system", id: "t" }, set: { decision, engineVersion: "9.9.9" } });
    expect(moved.moved).toBe(true);
    const row = await db.refundRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ state: "rejected", decision, engineVersion: "9.9.9" });
  });

  it("the database refuses to change or delete audit rows", async () => {
    const { id } = await fileRequest(db, newRequest(), { type: "user", id: "U1" });
    await expect(db.auditEvent.updateMany({ where: { requestId: id }, data: { actor: "someone-else" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({ where: { requestId: id } })).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.count({ where: { requestId: id, actor: "U1" } })).toBe(1);
  });
});
