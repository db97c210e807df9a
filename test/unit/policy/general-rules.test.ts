import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/domain/policy";
import { cyberbizOrder, qoo10Order, request } from "./fixtures";
import { said } from "./said";

describe("G1: a final order accepts nothing more", () => {
  it.each([
    ["cancelled", "cancel"],
    ["cancelled", "return"],
    ["returned", "cancel"],
    ["returned", "return"],
    ["returned", "refund"],
  ] as const)("refuses a Qoo10 order %s, whatever the request (%s)", (status, kind) => {
    const decision = evaluate(qoo10Order({ status }), request({ kind, reason: "defective_item" }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["G1"], refundAmount: 0, feeBearer: "none", buyerNoticeRequired: false });
    expect(decision.route).toBeUndefined();
  });

  it("refuses before any other check: a final order with a bad amount is still refused for being final", () => {
    expect(evaluate(qoo10Order({ status: "returned" }), request({ amount: 0 })).ruleIds).toEqual(["G1"]);
  });

  it.each(["new", "awaiting_shipment", "shipping_delayed"] as const)("lets an open %s order through", (status) => {
    expect(evaluate(qoo10Order({ status }), request()).outcome).toBe("allow");
  });
});

describe("G2: the amount runs from 1 to what is still refundable", () => {
  // What the order's open requests will refund is held back: two requests cannot together refund more than the total.
  it.each([
    ["what the open requests leave", 1000, 200, 500, 300, "allow"],
    ["one more than that", 1000, 200, 500, 301, "reject"],
    ["anything, when they hold the rest", 1000, 0, 1000, 1, "reject"],
  ] as const)("a Cyberbiz refund of %s (total %i, refunded %i, held by open requests %i, amount %i) is %s", (_label, total, refunded, pending, amount, outcome) => {
    const decision = evaluate(cyberbizOrder({ total, refunded, pending }), request({ kind: "refund", amount }));
    expect(decision.outcome).toBe(outcome);
    if (outcome === "reject") expect(decision.ruleIds).toEqual(["G2"]);
  });

  it("a refund of everything refunds what the order's open requests leave", () => {
    expect(evaluate(cyberbizOrder({ total: 1000, refunded: 200, pending: 500 }), request({ kind: "refund" })).refundAmount).toBe(300);
  });

  it.each([
    ["the remainder exactly", 1000, 400, 600, "allow"],
    ["one more than the remainder", 1000, 400, 601, "reject"],
    ["the smallest amount", 1000, 0, 1, "allow"],
    ["zero", 1000, 0, 0, "reject"],
    ["the whole total", 1000, 0, 1000, "allow"],
    ["more than the total", 1000, 0, 1001, "reject"],
  ] as const)("a Cyberbiz refund of %s (total %i, refunded %i, amount %i) is %s", (_label, total, refunded, amount, outcome) => {
    const decision = evaluate(cyberbizOrder({ total, refunded }), request({ kind: "refund", amount }));
    expect(decision.outcome).toBe(outcome);
    if (outcome === "allow") expect(decision.refundAmount).toBe(amount);
    else expect(decision.ruleIds).toEqual(["G2"]);
  });

  it("says what is still refundable when the amount is too high", () => {
    const decision = evaluate(cyberbizOrder({ refunded: 400 }), request({ kind: "refund", amount: 601 }));
    expect(said(decision)).toBe(
      "Order CB-1001 cannot be refunded NT$601: the amount must be from NT$1 to NT$600, what is still refundable; lower it, or leave it out to refund the whole remainder (G2).",
    );
  });

  it("refuses when nothing is left, even without an amount", () => {
    const decision = evaluate(cyberbizOrder({ total: 1000, refunded: 1000 }), request({ kind: "refund" }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["G2"] });
    expect(said(decision)).toBe("Order CB-1001 has nothing left to refund (NT$1,000 of NT$1,000 already refunded), so there is nothing to do (G2).");
  });

  it("refuses a cancel of an order with nothing to refund, on either platform", () => {
    expect(evaluate(cyberbizOrder({ total: 0 }), request()).ruleIds).toEqual(["G2"]);
    expect(evaluate(qoo10Order({ total: 3000, refunded: 3000 }), request()).ruleIds).toEqual(["G2"]);
  });

  it("adds up partial refunds until the total, never beyond", () => {
    let order = cyberbizOrder({ total: 1000, refunded: 0 });
    const outcomes: string[] = [];
    for (const amount of [300, 300, 300, 100, 1]) {
      const decision = evaluate(order, request({ kind: "refund", amount }));
      outcomes.push(decision.outcome);
      order = { ...order, refunded: order.refunded + decision.refundAmount };
    }
    expect(outcomes).toEqual(["allow", "allow", "allow", "allow", "reject"]);
    expect(order.refunded).toBe(1000);
  });

  it("is cited on a granted request only when an amount was given", () => {
    expect(evaluate(cyberbizOrder(), request({ kind: "refund", amount: 10 })).ruleIds).toContain("G2");
    expect(evaluate(cyberbizOrder(), request({ kind: "refund" })).ruleIds).not.toContain("G2");
  });
});

describe("G3: the customer's own reasons", () => {
  it.each(["customer_request", "modify_order", "other"] as const)("accepts %s from a customer returning a shipped Qoo10 order", (reason) => {
    const order = qoo10Order({ status: "completed", customerCancelRequested: true });
    expect(evaluate(order, request({ kind: "return", initiator: "customer", reason })).outcome).toBe("wait");
  });

  it.each(["modify_order", "other"] as const)("refuses %s from the store on Qoo10", (reason) => {
    expect(evaluate(qoo10Order(), request({ initiator: "store", reason })).ruleIds).toContain("G3");
  });

  it("makes the one store-side exception: customer request, once the customer filed it", () => {
    const decision = evaluate(qoo10Order({ customerCancelRequested: true }), request({ initiator: "store", reason: "customer_request" }));
    expect(decision.outcome).toBe("allow");
    expect(decision.ruleIds).toEqual(expect.arrayContaining(["Q4", "G3"]));
  });

  it("does not restrict Cyberbiz, which lists no store-side reasons", () => {
    expect(evaluate(cyberbizOrder(), request({ initiator: "store", reason: "other" })).outcome).toBe("allow");
  });
});
