import { afterAll, describe, expect, it } from "vitest";
import { findOrder, upsertOrders } from "../../../src/db/orders";
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

  it("gives back exactly what was stored, 19-digit transaction ids as text", async () => {
    const order = cyberbizOrder({ transactionId: "9007199254740993123", couponCodes: ["A", "B"], pointsUsed: 7, createdAt: "2026-09-01T12:34:56.789Z" });
    await upsertOrders(db, [order]);
    expect(await findOrder(db, "cyberbiz", order.orderId)).toEqual(order);
  });

  it("the same id on two platforms is two orders", async () => {
    const id = qoo10Order().orderId;
    await upsertOrders(db, [qoo10Order({ orderId: id }), cyberbizOrder({ orderId: id })]);
    expect(await db.order.count({ where: { orderId: id } })).toBe(2);
  });
});
