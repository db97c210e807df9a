import { describe, expect, it } from "vitest";
import { evaluate, LINE_PAY_REFUND_WINDOW_MS } from "../../../src/domain/policy";
import { after, cyberbizOrder, DAY_MS, request } from "./fixtures";
import { said } from "./said";

const MINUTE_MS = 60 * 1000;

describe("C1: a cancel ends the order and stops its shipping", () => {
  it("cites C1 on a cancel and says the shipping stops", () => {
    const decision = evaluate(cyberbizOrder(), request({ kind: "cancel" }));
    expect(decision.ruleIds).toContain("C1");
    expect(said(decision)).toContain("stopping its shipping");
  });

  it("does not cite C1 on a refund, which leaves the order standing", () => {
    const decision = evaluate(cyberbizOrder(), request({ kind: "refund" }));
    expect(decision.outcome).toBe("allow");
    expect(decision.ruleIds).not.toContain("C1");
    expect(said(decision)).toContain("without cancelling it");
  });
});

describe("C2: only an unshipped order can be cancelled", () => {
  it("allows cancelling an unshipped order", () => {
    const decision = evaluate(cyberbizOrder({ status: "unshipped" }), request({ kind: "cancel" }));
    expect(decision).toMatchObject({ outcome: "allow", route: "approval_policy", refundAmount: 1000 });
    expect(decision.ruleIds).toContain("C2");
  });

  it.each(["shipped", "delivered"] as const)("refuses cancelling a %s order and points to a refund", (status) => {
    const decision = evaluate(cyberbizOrder({ status }), request({ kind: "cancel" }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["C2"], refundAmount: 0 });
    expect(decision.route).toBeUndefined();
    expect(said(decision)).toBe(`Order CB-1001 is no longer unshipped (${status === "shipped" ? "Shipped" : "Delivered"}), so it cannot be cancelled; file a refund instead (C2).`);
  });
});

describe("C3/C4: a cancel gives back the points and coupons the order used", () => {
  it("restores every point and coupon on a cancel", () => {
    const order = cyberbizOrder({ pointsUsed: 120, couponCodes: ["SPRING10", "VIP5"] });
    const decision = evaluate(order, request({ kind: "cancel" }));
    expect(decision.restore).toEqual({ points: 120, coupons: ["SPRING10", "VIP5"] });
    expect(decision.ruleIds).toEqual(expect.arrayContaining(["C3", "C4"]));
    expect(said(decision)).toContain("120 points and coupons SPRING10, VIP5 go back to the customer's account");
  });

  it("still restores them when the cancel becomes a manual refund (C7)", () => {
    const decision = evaluate(cyberbizOrder({ pointsUsed: 30 }), request({ kind: "cancel", requestedAt: after(90 * DAY_MS) }));
    expect(decision.outcome).toBe("manual");
    expect(decision.restore).toEqual({ points: 30, coupons: ["SPRING10"] });
  });

  it("restores nothing on a refund, which does not cancel the order", () => {
    const decision = evaluate(cyberbizOrder({ pointsUsed: 120 }), request({ kind: "refund", amount: 100 }));
    expect(decision.restore).toEqual({ points: 0, coupons: [] });
    expect(decision.ruleIds).not.toContain("C3");
    expect(decision.ruleIds).not.toContain("C4");
  });

  it("restores nothing on a refused cancel", () => {
    const decision = evaluate(cyberbizOrder({ status: "shipped", pointsUsed: 120 }), request({ kind: "cancel" }));
    expect(decision.restore).toEqual({ points: 0, coupons: [] });
  });

  it("copies the coupons, so changing the decision never changes the order", () => {
    const order = cyberbizOrder({ couponCodes: ["A"] });
    const decision = evaluate(order, request({ kind: "cancel" }));
    decision.restore.coupons.push("B");
    expect(order.couponCodes).toEqual(["A"]);
  });
});

describe("C5: the cancel form's reason, email and warning-account flag", () => {
  it("cites C5 on a cancel and accepts the warning flag there", () => {
    const decision = evaluate(cyberbizOrder(), request({ kind: "cancel", flagCustomer: true, notifyCustomer: true }));
    expect(decision.outcome).toBe("allow");
    expect(decision.ruleIds).toContain("C5");
  });

  it("refuses the warning flag on a refund, which has no cancel form to carry it", () => {
    const decision = evaluate(cyberbizOrder({ status: "delivered" }), request({ kind: "refund", flagCustomer: true }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["C5"] });
    expect(said(decision)).toContain("untick the warning flag");
  });
});

describe("C6: a cancelled order is final", () => {
  it.each(["cancel", "refund"] as const)("refuses a %s of a cancelled order instead of repeating it", (kind) => {
    const decision = evaluate(cyberbizOrder({ status: "cancelled" }), request({ kind }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["C6", "G1"], refundAmount: 0 });
    expect(said(decision)).toContain("Order CB-1001 is in a final state (Cancelled)");
  });

  it("does not stand in the way of an order that is not cancelled", () => {
    const decision = evaluate(cyberbizOrder({ status: "unshipped" }), request({ kind: "cancel" }));
    expect(decision.outcome).toBe("allow");
    expect(decision.ruleIds).not.toContain("C6");
  });
});

describe("C7: LINE Pay refunds online only within 60 × 24 h", () => {
  it.each([
    ["one day after the order", DAY_MS],
    ["exactly 60 × 24 h after the order", LINE_PAY_REFUND_WINDOW_MS],
  ])("allows a LINE Pay cancel %s", (_label, age) => {
    const decision = evaluate(cyberbizOrder(), request({ kind: "cancel", requestedAt: after(age) }));
    expect(decision).toMatchObject({ outcome: "allow", route: "approval_policy", feeBearer: "none" });
    expect(decision.ruleIds).toContain("C7");
  });

  it.each([
    ["one minute past 60 × 24 h", LINE_PAY_REFUND_WINDOW_MS + MINUTE_MS],
    ["one millisecond past 60 × 24 h", LINE_PAY_REFUND_WINDOW_MS + 1],
    ["a year later", 365 * DAY_MS],
  ])("turns a LINE Pay cancel %s into a manual refund, fee on the seller", (_label, age) => {
    const decision = evaluate(cyberbizOrder(), request({ kind: "cancel", requestedAt: after(age) }));
    expect(decision).toMatchObject({ outcome: "manual", route: "approval_policy", feeBearer: "seller", refundAmount: 1000 });
    expect(decision.ruleIds).toContain("C7");
    expect(said(decision)).toContain("LINE Pay can no longer refund it online");
  });

  it("counts 60 × 24 h across time zones, not calendar days in one of them", () => {
    const order = cyberbizOrder({ createdAt: "2026-03-01T23:30:00+08:00" });
    const inside = evaluate(order, request({ kind: "refund", requestedAt: "2026-04-30T15:30:00Z" }));
    const outside = evaluate(order, request({ kind: "refund", requestedAt: "2026-04-30T15:31:00Z" }));
    expect([inside.outcome, outside.outcome]).toEqual(["allow", "manual"]);
  });

  it("applies to a refund without cancel too", () => {
    const decision = evaluate(cyberbizOrder({ status: "delivered" }), request({ kind: "refund", amount: 200, requestedAt: after(61 * DAY_MS) }));
    expect(decision).toMatchObject({ outcome: "manual", feeBearer: "seller", refundAmount: 200 });
  });

  it.each(["credit_card", "bank_transfer", "convenience_store", "other"] as const)("does not limit an order paid by %s", (paymentMethod) => {
    const decision = evaluate(cyberbizOrder({ paymentMethod }), request({ kind: "cancel", requestedAt: after(200 * DAY_MS) }));
    expect(decision).toMatchObject({ outcome: "allow", feeBearer: "none" });
    expect(decision.ruleIds).not.toContain("C7");
  });
});

describe("C8: full or partial refunds, never beyond what is left", () => {
  it("allows a partial refund and says what stays refundable", () => {
    const decision = evaluate(cyberbizOrder(), request({ kind: "refund", amount: 300 }));
    expect(decision).toMatchObject({ outcome: "allow", refundAmount: 300, ruleIds: ["C7", "C8", "G2"] });
    expect(said(decision)).toContain("NT$300 (NT$700 stays refundable)");
  });

  it("refunds the whole remainder when no amount is given", () => {
    const decision = evaluate(cyberbizOrder({ refunded: 250 }), request({ kind: "refund" }));
    expect(decision.refundAmount).toBe(750);
  });

  it.each(["shipped", "delivered"] as const)("allows a goodwill refund without cancel on a %s order", (status) => {
    const decision = evaluate(cyberbizOrder({ status }), request({ kind: "refund", reason: "defective_item", amount: 150 }));
    expect(decision).toMatchObject({ outcome: "allow", refundAmount: 150 });
  });

  it.each([
    [600, 400, "allow"],
    [600, 401, "reject"],
    [999, 1, "allow"],
    [999, 2, "reject"],
  ] as const)("with %i already refunded, a partial refund of %i is %s", (refunded, amount, outcome) => {
    expect(evaluate(cyberbizOrder({ refunded }), request({ kind: "refund", amount })).outcome).toBe(outcome);
  });

  it("refuses a return, which Cyberbiz does not have, and points to a refund", () => {
    const decision = evaluate(cyberbizOrder({ status: "delivered" }), request({ kind: "return", reason: "defective_item" }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["C8"] });
    expect(said(decision)).toContain("file a refund instead");
  });
});

describe("C9: a LINE Pay cancel is two effects, store and LINE Pay", () => {
  it("cites C9 on a LINE Pay cancel LINE Pay can still refund", () => {
    expect(evaluate(cyberbizOrder(), request({ kind: "cancel" })).ruleIds).toEqual(["C1", "C2", "C3", "C4", "C5", "C7", "C9"]);
  });

  it("does not cite C9 when the refund is manual: LINE Pay is not touched", () => {
    expect(evaluate(cyberbizOrder(), request({ kind: "cancel", requestedAt: after(61 * DAY_MS) })).ruleIds).toEqual(["C1", "C2", "C3", "C4", "C5", "C7"]);
  });

  it("does not cite C9 for another payment method or a refund alone", () => {
    expect(evaluate(cyberbizOrder({ paymentMethod: "credit_card" }), request({ kind: "cancel" })).ruleIds).not.toContain("C9");
    expect(evaluate(cyberbizOrder(), request({ kind: "refund" })).ruleIds).not.toContain("C9");
  });
});

describe("Cyberbiz explanations", () => {
  it("words an allowed LINE Pay cancel for an agent", () => {
    expect(said(evaluate(cyberbizOrder(), request({ kind: "cancel" })))).toBe(
      "Order CB-1001 can be cancelled, stopping its shipping, with NT$1,000 refunded through LINE Pay; 50 points and coupon SPRING10 go back to the customer's account (C1, C2, C3, C4, C5, C7, C9).",
    );
  });

  it("words a manual refund with the fee on the seller", () => {
    expect(said(evaluate(cyberbizOrder({ status: "shipped" }), request({ kind: "refund", requestedAt: after(61 * DAY_MS) })))).toBe(
      "Order CB-1001 was created more than 60 days (60×24 h) before this request, so LINE Pay can no longer refund it online: contact the customer and refund NT$1,000 by other means, the seller paying the transfer fee (C7, C8).",
    );
  });
});
