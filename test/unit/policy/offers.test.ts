import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isKindOffered, isReasonOffered, offeredKinds, offeredReasons, evaluate } from "../../../src/domain/policy";
import { caseArbitrary } from "./arbitraries";
import { cyberbizOrder, qoo10Order } from "./fixtures";

const ALL_REASONS = ["out_of_stock", "shipping_delay", "undeliverable_region", "customer_request", "defective_item", "wrong_item", "modify_order", "other"];

describe("offeredKinds", () => {
  it.each([
    ["an unshipped Cyberbiz order", cyberbizOrder({ status: "unshipped" }), "store", ["cancel", "refund"]],
    ["a delivered Cyberbiz order", cyberbizOrder({ status: "delivered" }), "customer", ["refund"]],
    ["a cancelled Cyberbiz order", cyberbizOrder({ status: "cancelled" }), "store", []],
    ["a fully refunded Cyberbiz order", cyberbizOrder({ refunded: 1000 }), "store", []],
    ["a new Qoo10 order", qoo10Order({ status: "new" }), "store", ["cancel"]],
    ["a new Qoo10 order", qoo10Order({ status: "new" }), "customer", ["cancel"]],
    ["a Qoo10 order awaiting shipment, no request filed", qoo10Order({ status: "awaiting_shipment" }), "customer", []],
    ["a Qoo10 order awaiting shipment, request filed", qoo10Order({ status: "awaiting_shipment", customerCancelRequested: true }), "customer", ["cancel"]],
    ["a Qoo10 order in transit", qoo10Order({ status: "in_transit" }), "store", ["return"]],
    ["a returned Qoo10 order", qoo10Order({ status: "returned" }), "customer", []],
  ] as const)("offers for %s, %s side: %j", (_label, order, initiator, kinds) => {
    expect(offeredKinds(order, initiator)).toEqual(kinds);
  });
});

describe("offeredReasons", () => {
  it("offers the store Q3's list on an unshipped Qoo10 order, plus customer request once filed", () => {
    expect(offeredReasons(qoo10Order(), "cancel", "store")).toEqual(["out_of_stock", "shipping_delay", "undeliverable_region"]);
    expect(offeredReasons(qoo10Order({ customerCancelRequested: true }), "cancel", "store")).toEqual(["out_of_stock", "shipping_delay", "undeliverable_region", "customer_request"]);
  });

  it("offers the customer their own cancel of a new or delayed order for any fitting reason, customer request included, with nothing filed", () => {
    for (const status of ["new", "shipping_delayed"] as const) {
      expect(offeredReasons(qoo10Order({ status }), "cancel", "customer")).toEqual(["out_of_stock", "shipping_delay", "undeliverable_region", "customer_request", "modify_order", "other"]);
    }
    expect(offeredReasons(qoo10Order({ status: "awaiting_shipment" }), "cancel", "customer")).toEqual([]);
  });

  it("offers the store Q9's list on a return, and the customer their own reasons too", () => {
    const order = qoo10Order({ status: "completed" });
    expect(offeredReasons(order, "return", "store")).toEqual(["shipping_delay", "defective_item", "wrong_item"]);
    expect(offeredReasons(order, "return", "customer")).toEqual(["shipping_delay", "customer_request", "defective_item", "wrong_item", "modify_order", "other"]);
  });

  it("offers every reason on Cyberbiz, which restricts none", () => {
    expect(offeredReasons(cyberbizOrder(), "cancel", "store")).toEqual(ALL_REASONS);
  });

  it("offers nothing for a kind the order cannot take", () => {
    expect(offeredReasons(qoo10Order(), "refund", "store")).toEqual([]);
    expect(offeredReasons(cyberbizOrder({ status: "shipped" }), "cancel", "store")).toEqual([]);
  });

  it("still offers a LINE Pay refund past 60 days: it becomes manual, not refused (C7)", () => {
    expect(offeredKinds(cyberbizOrder({ createdAt: "2020-01-01T00:00:00Z" }), "store")).toEqual(["cancel", "refund"]);
  });
});

describe("offers agree with evaluate", () => {
  it("offers a kind and reason whenever evaluate accepts a request of them", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ order, request }) => {
        if (evaluate(order, request).outcome === "reject") return;
        expect(offeredKinds(order, request.initiator)).toContain(request.kind);
        expect(offeredReasons(order, request.kind, request.initiator)).toContain(request.reason);
      }),
      { numRuns: 2000 },
    );
  });

  it("offers only what evaluate accepts, for the plain request a modal submits (full amount, no warning flag), at any time", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ order, request }) => {
        const plain = { ...request, amount: undefined, flagCustomer: false };
        const offered = offeredReasons(order, plain.kind, plain.initiator).includes(plain.reason);
        expect(evaluate(order, plain).outcome !== "reject").toBe(offered);
        expect(offeredKinds(order, plain.initiator).includes(plain.kind)).toBe(offeredReasons(order, plain.kind, plain.initiator).length > 0);
      }),
      { numRuns: 2000 },
    );
  });

  it("answers for one kind or one reason as the lists do (what a submission checks, without listing them all)", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ order, request }) => {
        expect(isKindOffered(order, request.kind, request.initiator)).toBe(offeredKinds(order, request.initiator).includes(request.kind));
        expect(isReasonOffered(order, request.kind, request.initiator, request.reason)).toBe(offeredReasons(order, request.kind, request.initiator).includes(request.reason));
      }),
      { numRuns: 2000 },
    );
  });
});
