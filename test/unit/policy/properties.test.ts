import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decisionSchema } from "../../../src/domain/decision";
import { refundableRemainder } from "../../../src/domain/order";
import { evaluate, POLICY_RULE_IDS } from "../../../src/domain/policy";
import { caseArbitrary } from "./arbitraries";
import { said } from "./said";

const RUNS = { numRuns: 3000 };

describe("evaluate, for any valid order and request", () => {
  it("returns a decision that passes decisionSchema", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ order, request }) => {
        expect(decisionSchema.safeParse(evaluate(order, request)).error).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("never refunds more than is still refundable, nor less than 1 when it refunds", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ order, request }) => {
        const decision = evaluate(order, request);
        expect(decision.refundAmount).toBeLessThanOrEqual(refundableRemainder(order));
        if (decision.outcome !== "reject") expect(decision.refundAmount).toBeGreaterThanOrEqual(1);
        if (request.amount !== undefined && decision.outcome !== "reject") expect(decision.refundAmount).toBe(request.amount);
      }),
      RUNS,
    );
  });

  it("gives a reject no money, no route, no fee, nothing to restore and no notice", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ order, request }) => {
        const decision = evaluate(order, request);
        if (decision.outcome !== "reject") {
          expect(decision.route).toBeDefined();
          return;
        }
        expect(decision).toMatchObject({ refundAmount: 0, feeBearer: "none", restore: { points: 0, coupons: [] }, buyerNoticeRequired: false });
        expect("route" in decision).toBe(false);
      }),
      RUNS,
    );
  });

  it("is deterministic and leaves its inputs untouched", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ order, request }) => {
        const before = structuredClone({ order, request });
        const first = evaluate(order, request);
        expect(evaluate(structuredClone(order), structuredClone(request))).toEqual(first);
        expect({ order, request }).toEqual(before);
      }),
      RUNS,
    );
  });

  it("cites known rule ids once each, in the order of docs/rules.md, and names the order and the ids in its sentence", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ order, request }) => {
        const decision = evaluate(order, request);
        const positions = decision.ruleIds.map((id) => (POLICY_RULE_IDS as readonly string[]).indexOf(id));
        expect(positions.every((position) => position >= 0)).toBe(true);
        expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
        expect(said(decision)).toContain(order.orderId);
        expect(said(decision).endsWith(` (${decision.ruleIds.join(", ")}).`)).toBe(true);
        expect(said(decision)).not.toMatch(/\n|undefined|NaN/);
      }),
      RUNS,
    );
  });

  it("only restores on a Cyberbiz cancel, and only notifies the buyer on a store-side Qoo10 request", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ order, request }) => {
        const decision = evaluate(order, request);
        const restores = decision.restore.points > 0 || decision.restore.coupons.length > 0;
        if (restores) expect([order.platform, request.kind]).toEqual(["cyberbiz", "cancel"]);
        if (decision.buyerNoticeRequired) expect([order.platform, request.initiator]).toEqual(["qoo10", "store"]);
      }),
      RUNS,
    );
  });
});
