import { describe, expect, it } from "vitest";
import { escalation, escalationFor, evaluate } from "../../../src/domain/policy";
import { cyberbizOrder, qoo10Order, request } from "./fixtures";
import { said } from "./said";

// Qoo10's rules for what the customer does: their own cancel, their cancel request, and escalation.
describe("Q4: the store gives \"customer request\" only once the customer filed a cancel request", () => {
  it("allows it from the store side once the request is filed", () => {
    const decision = evaluate(qoo10Order({ status: "awaiting_shipment", customerCancelRequested: true }), request({ initiator: "store", reason: "customer_request" }));
    expect(decision).toMatchObject({ outcome: "allow", route: "approval_policy" });
    expect(decision.ruleIds).toEqual(expect.arrayContaining(["Q4", "G3"]));
  });

  it.each(["new", "awaiting_shipment", "shipping_delayed"] as const)("refuses it from the store side on a %s order without a filed request, suggesting a store-side reason", (status) => {
    const decision = evaluate(qoo10Order({ status }), request({ initiator: "store", reason: "customer_request" }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["Q4", "G3"] });
    expect(said(decision)).toContain("choose a store-side reason");
  });

  it("lets the customer's own return give it with nothing filed: the return is their request", () => {
    const decision = evaluate(qoo10Order({ status: "completed" }), request({ kind: "return", initiator: "customer", reason: "customer_request" }));
    expect(decision).toMatchObject({ outcome: "wait", route: "approval_policy" });
    expect(decision.ruleIds).not.toContain("Q4");
  });
});

describe("Q11, Q12: the customer's own cancel, customer request as its reason", () => {
  it.each([
    ["new", false],
    ["new", true],
    ["shipping_delayed", false],
    ["shipping_delayed", true],
  ] as const)("on a %s order (request filed: %s) is allowed and proceeds by itself, with nothing to escalate", (status, filed) => {
    const order = qoo10Order({ status, customerCancelRequested: filed });
    const customerCancel = request({ initiator: "customer", reason: "customer_request" });
    const decision = evaluate(order, customerCancel);
    expect(decision).toMatchObject({ outcome: "allow", route: "auto", refundAmount: 5000, buyerNoticeRequired: false });
    expect(decision.ruleIds).toContain("Q11");
    expect(decision.ruleIds.includes("Q12")).toBe(status === "new");
    expect(decision.ruleIds).not.toContain("Q4");
    expect(decision.ruleIds).not.toContain("Q14");
    expect(escalationFor(order, customerCancel)).toBeUndefined();
  });

  it("awaiting shipment needs the filed request: without it refused (Q11, Q14), with it the seller reviews", () => {
    const customerCancel = request({ initiator: "customer", reason: "customer_request" });
    const unfiled = evaluate(qoo10Order({ status: "awaiting_shipment" }), customerCancel);
    expect(unfiled).toMatchObject({ outcome: "reject", ruleIds: ["Q11", "Q14"] });
    const filed = evaluate(qoo10Order({ status: "awaiting_shipment", customerCancelRequested: true }), customerCancel);
    expect(filed).toMatchObject({ outcome: "allow", route: "seller_review" });
    expect(filed.ruleIds).toEqual(expect.arrayContaining(["Q11", "Q12"]));
    expect(filed.ruleIds).not.toContain("Q4");
  });
});

describe("Q11: the customer's own cancel", () => {
  it.each(["new", "shipping_delayed"] as const)("proceeds by itself on a %s order", (status) => {
    const decision = evaluate(qoo10Order({ status }), request({ initiator: "customer", reason: "modify_order" }));
    expect(decision).toMatchObject({ outcome: "allow", route: "auto" });
    expect(decision.ruleIds).toContain("Q11");
  });

  it("goes to the seller's review awaiting shipment, once the customer filed the request", () => {
    const decision = evaluate(qoo10Order({ status: "awaiting_shipment", customerCancelRequested: true }), request({ initiator: "customer", reason: "other" }));
    expect(decision).toMatchObject({ outcome: "allow", route: "seller_review" });
    expect(decision.ruleIds).toContain("Q11");
  });

  it("is refused awaiting shipment when the customer filed nothing, pointing to MyQoo10 and escalation", () => {
    const decision = evaluate(qoo10Order({ status: "awaiting_shipment" }), request({ initiator: "customer", reason: "other" }));
    expect(decision).toMatchObject({ outcome: "reject", ruleIds: ["Q11", "Q14"] });
    expect(said(decision)).toContain("ask them to file one in MyQoo10");
  });

  it("does not route a store-side cancel by the customer's rules", () => {
    expect(evaluate(qoo10Order({ status: "new" }), request({ initiator: "store" })).route).toBe("approval_policy");
  });
});

describe("Q12: who hears about a customer's cancel", () => {
  it("says no one is notified on a new order, which refunds automatically", () => {
    const decision = evaluate(qoo10Order({ status: "new" }), request({ initiator: "customer", reason: "other" }));
    expect(decision.ruleIds).toContain("Q12");
    expect(said(decision)).toContain("Qoo10 refunds ¥5,000 automatically, notifying no one");
  });

  it("says the store is notified of a request awaiting shipment", () => {
    const decision = evaluate(qoo10Order({ status: "awaiting_shipment", customerCancelRequested: true }), request({ initiator: "customer", reason: "other" }));
    expect(decision.ruleIds).toContain("Q12");
    expect(said(decision)).toContain("notifies the store and needs the seller's review");
  });

  it("is not cited for a delayed order, which Q12 does not cover", () => {
    const decision = evaluate(qoo10Order({ status: "shipping_delayed" }), request({ initiator: "customer", reason: "other" }));
    expect(decision.route).toBe("auto");
    expect(decision.ruleIds).not.toContain("Q12");
    expect(said(decision)).not.toContain("notifying no one");
  });
});

describe("Q14: escalation to Qoo10 support", () => {
  it("escalates a customer who wants to cancel without filing the request", () => {
    const order = qoo10Order({ orderId: "55", status: "awaiting_shipment" });
    expect(escalationFor(order, request({ initiator: "customer", reason: "other" }))).toEqual({
      ruleId: "Q14",
      situation: "cancel_outside_system",
      orderId: "55",
      note: "Escalate order 55 to Qoo10 support (Refund/claim withdrawal › Order cancel/refund (full)) with the conversation so far: the customer asks to cancel but has filed no cancel request in MyQoo10 (Q14).",
    });
  });

  it("does not escalate once the customer filed the request, nor a store-side or Cyberbiz request", () => {
    expect(escalationFor(qoo10Order({ status: "awaiting_shipment", customerCancelRequested: true }), request({ initiator: "customer", reason: "other" }))).toBeUndefined();
    expect(escalationFor(qoo10Order(), request({ initiator: "store", reason: "customer_request" }))).toBeUndefined();
    expect(escalationFor(cyberbizOrder(), request({ initiator: "customer", reason: "customer_request" }))).toBeUndefined();
  });

  it("writes the note for a customer who will not withdraw a declined request", () => {
    const order = qoo10Order({ orderId: "77" });
    if (order.platform !== "qoo10") throw new Error("fixture");
    const note = escalation(order, "request_not_withdrawn").note;
    expect(note).toContain("order 77");
    expect(note).toContain("Claim withdrawal");
    expect(note).toContain("will not withdraw");
  });
});
