import { afterAll, describe, expect, it } from "vitest";
import { findOrder, ordersByKeys, upsertOrders } from "../../../src/db/orders";
import { fileRequest, getRequest } from "../../../src/db/requests";
import { cyberbizOrder, qoo10Order } from "../../support/orders";
import { testDb } from "../../support/test-db";

const db = testDb();
afterAll(() => db.$disconnect());

describe("the local order store", () => {
  it("upserts by platform and order id and counts what was added and what updated", async () => {
    const a = cyberbizOrder();
    const b = qoo10Order();
    expect(await upsertOrders(db, [a, b])).toEqual({ added: 2, updated: 0 });
    expect(await upsertOrders(db, [cyberbizOrder({ orderId: a.orderId, status: "shipped" }), qoo10Order()])).toEqual({ added: 1, updated: 1 });
    expect((await findOrder(db, "cyberbiz", a.orderId))?.status).toBe("shipped");
  });

  it("loads a file whole or not at all: a row refused in its second statement leaves none of the first stored", async () => {
    const first = Array.from({ length: 1_000 }, () => cyberbizOrder());
    // Past the validation at the edge, so that Postgres's own check refuses it.
    const refused = { ...cyberbizOrder(), refunded: 5_000 };
    await expect(upsertOrders(db, [...first, refused])).rejects.toThrow(/orders_amounts_check/);
    expect(await ordersByKeys(db, [first[0]!, first[999]!])).toEqual([]);
  });

  it("gives back exactly what was stored, 19-digit transaction ids as text", async () => {
    const order = cyberbizOrder({ transactionId: "9007199254740993123", couponCodes: ["A", "B"], pointsUsed: 7, createdAt: "2026-09-01T12:34:56.789Z" });
    await upsertOrders(db, [order]);
    expect(await findOrder(db, "cyberbiz", order.orderId)).toEqual(order);
  });

  it("reads one order (its own statement) and many the same way, exactly as stored; one not in the store is simply absent", async () => {
    // Times as the store gives them back (UTC), to compare whole orders.
    const stored = [cyberbizOrder({ couponCodes: ["X"], pointsUsed: 3, createdAt: "2026-09-01T12:34:56.789Z" }), qoo10Order({ status: "new", createdAt: "2026-09-02T01:02:03.000Z" })];
    await upsertOrders(db, stored);
    const missing = { platform: "qoo10", orderId: "Q-NOT-STORED-1" };
    expect(await ordersByKeys(db, [stored[0]!])).toEqual([stored[0]]);
    expect(await ordersByKeys(db, [missing])).toEqual([]);
    const many = await ordersByKeys(db, [...stored, missing]);
    expect([...many].sort((a, b) => a.platform.localeCompare(b.platform))).toEqual(stored);
  });

  it("keeps money beyond a 32-bit integer: an IDR order of 3,000,000,000 and a request for 2,500,000,000 of it", async () => {
    const order = cyberbizOrder({ currency: "IDR", total: 3_000_000_000, refunded: 100_000_000, paymentMethod: "bank_transfer", transactionId: undefined });
    await upsertOrders(db, [order]);
    expect(await findOrder(db, "cyberbiz", order.orderId)).toMatchObject({ total: 3_000_000_000, refunded: 100_000_000 });
    const { id } = await fileRequest(
      db,
      { platform: "cyberbiz", orderId: order.orderId, kind: "refund", initiator: "store", reason: "defective_item", amount: 2_500_000_000, currency: "IDR", notifyCustomer: false, flagCustomer: false, returnReceived: false, requestedAt: new Date(), requestedBy: "U0AGENT", origin: "slack" },
      { type: "user", id: "U0AGENT" },
    );
    expect((await getRequest(db, id))?.amount).toBe(2_500_000_000);
  });

  it("the same id on two platforms is two orders", async () => {
    const id = qoo10Order().orderId;
    await upsertOrders(db, [qoo10Order({ orderId: id }), cyberbizOrder({ orderId: id })]);
    expect(await db.order.count({ where: { orderId: id } })).toBe(2);
  });
});
