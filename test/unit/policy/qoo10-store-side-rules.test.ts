import { describe, expect, it } from "vitest";
import type { PaymentMethod } from "../../../src/domain/order";
import type { Reason } from "../../../src/domain/request";
import { evaluate, evaluateBatch, refundFailureNotice } from "../../../src/domain/policy";
import { cyberbizOrder, qoo10Order, request } from "./fixtures";
import { said } from "./said";

// Qoo10's rules for what the store does: its cancels and returns, their reasons, notices, fees and amounts.
describe("Q1: who caused it decides the procedure", () => {
  it("routes the same cancel differently for the store and the customer", () => {
    const order = qoo10Order({ status: "shipping_delayed" });
    const byStore = evaluate(order, request({ initiator: "store", reason: "shipping_delay" }));
    const byCustomer = evaluate(order, request({ initiator: "customer", reason: "shipping_delay" }));
    expect(byStore).toMatchObject({ outcome: "allow", route: "approval_policy", buyerNoticeRequired: true });
    expect(byCustomer).toMatchObject({ outcome: "allow", route: "auto", buyerNoticeRequired: false });
    expect(byStore.ruleIds).toContain("Q1");
    expect(byCustomer.ruleIds).toContain("Q1");
  });
});

describe("Q2: a bulk request gets one result per order", () => {
  it("decides each order on its own, in input order", () => {
    const results = evaluateBatch([
      { order: qoo10Order({ orderId: "A" }), request: request() },
      { order: qoo10Order({ orderId: "B", status: "in_transit" }), request: request() },
      { order: cyberbizOrder({ orderId: "C" }), request: request() },
    ]);
    expect(results.map((result) => [result.platform, result.orderId, result.decision.outcome])).toEqual([
      ["qoo10", "A", "allow"],
      ["qoo10", "B", "reject"],
      ["cyberbiz", "C", "allow"],
    ]);
  });

  it("refuses a second cancel of the same order in one batch (C6, G1)", () => {
    const order = cyberbizOrder();
    const [first, second] = evaluateBatch([{ order, request: request() }, { order, request: request() }]);
    expect(first?.decision.outcome).toBe("allow");
    expect(second?.decision).toMatchObject({ outcome: "reject", ruleIds: ["C6", "G1"] });
  });

  it("adds up partial refunds of one order across the batch (G2)", () => {
    const order = cyberbizOrder({ total: 1000, refunded: 100 });
    const refund = (amount: number) => ({ order, request: request({ kind: "refund", amount }) });
    const outcomes = evaluateBatch([refund(500), refund(400), refund(1)]).map((result) => result.decision.outcome);
    expect(outcomes).toEqual(["allow", "allow", "reject"]);
  });

  it("does not let a refused request reserve money", () => {
    const order = cyberbizOrder({ total: 1000 });
    const outcomes = evaluateBatch([
      { order, request: request({ kind: "refund", amount: 5000 }) },
      { order, request: request({ kind: "refund", amount: 1000 }) },
    ]).map((result) => result.decision.outcome);
    expect(outcomes).toEqual(["reject", "allow"]);
  });

  it("keeps orders of the same id on different platforms apart", () => {
    const results = evaluateBatch([
      { order: cyberbizOrder({ orderId: "X" }), request: request() },
      { order: qoo10Order({ orderId: "X" }), request: request() },
    ]);
    expect(results.map((result) => result.decision.outcome)).toEqual(["allow", "allow"]);
  });
});

describe("Q3: a store-side cancel needs out of stock, shipping delay or undeliverable region", () => {
  it.each(["out_of_stock", "shipping_delay", "undeliverable_region"] as const)("allows %s", (reason) => {
    const decision = evaluate(qoo10Order({ status: "awaiting_shipment" }), request({ reason }));
    expect(decision).toMatchObject({ outcome: "allow", route: "approval_policy" });
    expect(decision.ruleIds).toContain("Q3");
  });

  it.each(["modify_order", "other"] as const)("refuses the buyer's own reason %s and lists the store's", (reason) => {
    const decision = evaluate(qoo10Order(), request({ reason }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["Q3", "G3"] });
    expect(said(decision)).toContain("needs “Out of stock”, “Shipping delay”, or “Undeliverable region”");
  });

  it.each(["defective_item", "wrong_item"] as const)("refuses the return reason %s on a cancel", (reason) => {
    expect(evaluate(qoo10Order(), request({ reason }))).toMatchObject({ outcome: "reject", ruleIds: ["Q3"] });
  });
});

describe("Q5: the buyer is messaged before a store-side cancel", () => {
  it("requires the notice on a store-side cancel and return", () => {
    expect(evaluate(qoo10Order(), request()).buyerNoticeRequired).toBe(true);
    expect(evaluate(qoo10Order({ status: "completed" }), request({ kind: "return", reason: "defective_item" })).buyerNoticeRequired).toBe(true);
  });

  it("does not require it when the customer cancels", () => {
    const decision = evaluate(qoo10Order(), request({ initiator: "customer", reason: "modify_order" }));
    expect(decision.buyerNoticeRequired).toBe(false);
    expect(decision.ruleIds).not.toContain("Q5");
  });

  it("does not require it on a refused request", () => {
    expect(evaluate(qoo10Order(), request({ reason: "other" })).buyerNoticeRequired).toBe(false);
  });

  it("never requires it on Cyberbiz", () => {
    expect(evaluate(cyberbizOrder(), request()).buyerNoticeRequired).toBe(false);
  });
});

describe("Q6: the buyer message is written in the buyer's language", () => {
  it("names the buyer's locale when the store must message the buyer", () => {
    const decision = evaluate(qoo10Order({ buyerLocale: "zh-TW" }), request());
    expect(decision.ruleIds).toEqual(expect.arrayContaining(["Q5", "Q6"]));
    expect(said(decision)).toContain("message the buyer under Cancel/Refund first, in Chinese (Taiwan)");
  });

  it("falls back to the buyer's site language without a locale", () => {
    const decision = evaluate(qoo10Order({ buyerLocale: undefined }), request());
    expect(said(decision)).toContain("in the language of the buyer's site");
  });

  it("is not cited when no message is due", () => {
    expect(evaluate(qoo10Order(), request({ initiator: "customer", reason: "other" })).ruleIds).not.toContain("Q6");
  });
});

describe("Q7: who bears the payment fee", () => {
  const cases: [PaymentMethod, Reason, "store" | "customer", "seller" | "customer" | "none"][] = [
    ["bank_transfer", "out_of_stock", "store", "seller"],
    ["convenience_store", "undeliverable_region", "store", "seller"],
    ["bank_transfer", "modify_order", "customer", "customer"],
    ["convenience_store", "other", "customer", "customer"],
    // The store at fault (a late shipment) pays, even when the customer is the one cancelling.
    ["bank_transfer", "shipping_delay", "customer", "seller"],
    ["credit_card", "out_of_stock", "store", "none"],
    ["credit_card", "modify_order", "customer", "none"],
    ["line_pay", "out_of_stock", "store", "none"],
    ["other", "other", "customer", "none"],
  ];
  it.each(cases)("paid by %s, reason %s from the %s side: %s", (paymentMethod, reason, initiator, feeBearer) => {
    const decision = evaluate(qoo10Order({ paymentMethod }), request({ initiator, reason }));
    expect(decision.outcome).toBe("allow");
    expect(decision.feeBearer).toBe(feeBearer);
    expect(decision.ruleIds.includes("Q7")).toBe(feeBearer !== "none");
  });

  it.each([
    ["new", "convenience_store"],
    ["new", "bank_transfer"],
    ["shipping_delayed", "convenience_store"],
    ["shipping_delayed", "bank_transfer"],
  ] as const)("puts the fee on the customer who cancels a %s order paid by %s themselves", (status, paymentMethod) => {
    const decision = evaluate(qoo10Order({ status, paymentMethod }), request({ initiator: "customer", reason: "customer_request" }));
    expect(decision).toMatchObject({ outcome: "allow", route: "auto", feeBearer: "customer" });
    expect(decision.ruleIds).toContain("Q7");
    expect(said(decision)).toContain("the payment fee borne by the customer");
  });

  it("puts the fee on the customer when the store processes the customer's own request (Q4)", () => {
    const order = qoo10Order({ status: "awaiting_shipment", customerCancelRequested: true, paymentMethod: "convenience_store" });
    expect(evaluate(order, request({ initiator: "store", reason: "customer_request" })).feeBearer).toBe("customer");
  });

  it("bears no fee on a refused request", () => {
    expect(evaluate(qoo10Order({ status: "cancelled" }), request()).feeBearer).toBe("none");
  });
});

describe("Q8: a shipped order is returned, not cancelled", () => {
  it.each(["in_transit", "completed"] as const)("refuses cancelling a %s order and points to a return", (status) => {
    const decision = evaluate(qoo10Order({ orderId: "1234", status }), request());
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["Q8"] });
    expect(said(decision)).toBe(`Order 1234 has shipped (${status === "in_transit" ? "In transit" : "Completed"}), so it cannot be cancelled; file a return instead (Q8).`);
  });

  it.each(["in_transit", "completed"] as const)("accepts a return of a %s order", (status) => {
    const decision = evaluate(qoo10Order({ status }), request({ kind: "return", reason: "wrong_item", returnReceived: true }));
    expect(decision.outcome).toBe("allow");
    expect(decision.ruleIds).toContain("Q8");
  });

  it.each(["new", "awaiting_shipment", "shipping_delayed"] as const)("refuses a return of a %s order and points to a cancel", (status) => {
    const decision = evaluate(qoo10Order({ status }), request({ kind: "return", reason: "defective_item" }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["Q8"] });
    expect(said(decision)).toContain("file a cancel instead");
  });
});

describe("Q9: a store-side return needs shipping delay, defective item or wrong item", () => {
  it.each(["shipping_delay", "defective_item", "wrong_item"] as const)("allows %s from the store", (reason) => {
    const decision = evaluate(qoo10Order({ status: "completed" }), request({ kind: "return", reason, returnReceived: true }));
    expect(decision.outcome).toBe("allow");
    expect(decision.ruleIds).toContain("Q9");
  });

  it.each(["modify_order", "other"] as const)("refuses %s from the store but accepts it from the buyer", (reason) => {
    const order = qoo10Order({ status: "completed" });
    expect(evaluate(order, request({ kind: "return", reason, initiator: "store" }))).toMatchObject({ outcome: "reject", ruleIds: ["Q9", "G3"] });
    expect(evaluate(order, request({ kind: "return", reason, initiator: "customer" })).outcome).toBe("wait");
  });

  it.each(["out_of_stock", "undeliverable_region"] as const)("refuses %s, a cancel reason, on a return", (reason) => {
    expect(evaluate(qoo10Order({ status: "in_transit" }), request({ kind: "return", reason, initiator: "customer" }))).toMatchObject({ outcome: "reject", ruleIds: ["Q9"] });
  });
});

describe("Q10: a return is refunded once the goods are received", () => {
  it("waits, with its route and amount, until the goods are received", () => {
    const decision = evaluate(qoo10Order({ status: "completed" }), request({ kind: "return", reason: "defective_item", returnReceived: false }));
    expect(decision).toMatchObject({ outcome: "wait", route: "approval_policy", refundAmount: 5000 });
    expect(decision.ruleIds).toContain("Q10");
    expect(said(decision)).toContain("waits until the returned goods are confirmed received");
  });

  it("allows the full refund once they are", () => {
    const decision = evaluate(qoo10Order({ status: "completed" }), request({ kind: "return", reason: "defective_item", returnReceived: true }));
    expect(decision).toMatchObject({ outcome: "allow", route: "approval_policy", refundAmount: 5000 });
    expect(decision.ruleIds).toContain("Q10");
  });

  it("does not apply to a cancel, which has nothing to send back", () => {
    const decision = evaluate(qoo10Order(), request({ returnReceived: false }));
    expect(decision.outcome).toBe("allow");
    expect(decision.ruleIds).not.toContain("Q10");
  });
});

describe("Q13: a refund that fails with a system error", () => {
  it("quotes the error on one line and sends a persisting Qoo10 failure to Qoo10 support", () => {
    const notice = refundFailureNotice(qoo10Order({ orderId: "327294741" }), "  E500:\n  internal   error ");
    expect(notice).toBe(
      "The refund of order 327294741 failed with a system error: E500: internal error; the request stays retryable and will not be refunded twice, and if it keeps failing, send the order number and this error to Qoo10 support (Q13).",
    );
  });

  it("does not send a Cyberbiz failure to Qoo10", () => {
    const notice = refundFailureNotice(cyberbizOrder(), "1150 transaction not found");
    expect(notice).toContain("1150 transaction not found");
    expect(notice).not.toContain("Qoo10");
  });

  it("keeps a huge error short and an empty one readable", () => {
    expect(refundFailureNotice(qoo10Order(), "x".repeat(5000)).length).toBeLessThan(600);
    expect(refundFailureNotice(qoo10Order(), " \n ")).toContain("system error: no error text;");
  });
});

describe("Q15: Qoo10 refunds in full, through a cancel or a return", () => {
  it("refuses a bare refund of an unshipped order, pointing to a cancel", () => {
    const decision = evaluate(qoo10Order({ status: "new" }), request({ kind: "refund" }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["Q15"] });
    expect(said(decision)).toContain("file a cancel, since it has not shipped");
  });

  it("refuses a bare refund of a shipped order, pointing to a return", () => {
    expect(said(evaluate(qoo10Order({ status: "completed" }), request({ kind: "refund" })))).toContain("file a return, since it has shipped");
  });

  it.each([1, 4999])("refuses the partial amount %i", (amount) => {
    const decision = evaluate(qoo10Order(), request({ amount }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["Q15"] });
    expect(said(decision)).toContain("leave the amount out");
  });

  it("accepts an amount equal to the full remainder, and cites Q15 for it", () => {
    const decision = evaluate(qoo10Order(), request({ amount: 5000 }));
    expect(decision).toMatchObject({ outcome: "allow", refundAmount: 5000 });
    expect(decision.ruleIds).toEqual(expect.arrayContaining(["Q15", "G2"]));
  });

  it("treats the remainder as the full amount when part was refunded before", () => {
    expect(evaluate(qoo10Order({ refunded: 1000 }), request({ amount: 4000 })).outcome).toBe("allow");
    expect(evaluate(qoo10Order({ refunded: 1000 }), request()).refundAmount).toBe(4000);
  });
});
