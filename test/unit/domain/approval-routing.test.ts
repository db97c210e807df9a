import { describe, expect, it } from "vitest";
import { routeDecision } from "../../../src/domain/approval-policy";

const policy = { thresholds: { TWD: { autoApproveUpTo: 500, singleApproverUpTo: 5_000 } } };
const allow = (refundAmount: number, route: "auto" | "seller_review" | "approval_policy" = "approval_policy") => ({ outcome: "allow" as const, route, refundAmount });

describe("approval routing", () => {
  it.each([
    [0, "approved", 0],
    [500, "approved", 0],
    [501, "awaiting_approval", 1],
    [5_000, "awaiting_approval", 1],
    [5_001, "awaiting_approval", 2],
  ] as const)("an allowed %i TWD under the approval policy → %s with %i approvers", (amount, state, approvals) => {
    expect(routeDecision(allow(amount), "TWD", policy)).toMatchObject({ state, approvalsRequired: approvals });
  });

  it("a currency without thresholds needs one approver and is never approved automatically", () => {
    expect(routeDecision(allow(1), "JPY", policy)).toMatchObject({ state: "awaiting_approval", approvalsRequired: 1 });
  });

  it("the engine's route wins over thresholds: auto executes (Q12), seller review needs one (Q11)", () => {
    expect(routeDecision(allow(999_999, "auto"), "TWD", policy)).toMatchObject({ state: "approved", approvalsRequired: 0 });
    expect(routeDecision(allow(1, "seller_review"), "TWD", policy)).toMatchObject({ state: "awaiting_approval", approvalsRequired: 1 });
  });

  it("a manual refund (C7) always needs one approver, even under the auto-approval amount", () => {
    expect(routeDecision({ outcome: "manual", route: "approval_policy", refundAmount: 10 }, "TWD", policy)).toMatchObject({ state: "awaiting_approval", approvalsRequired: 1 });
  });

  // The thresholds apply to the order's refunds together: two requests of 5,000 on one order need
  // what one of 10,000 needs, and refunds of 500 one after another stop being approved by themselves.
  it.each([
    [5_000, 5_000, "awaiting_approval", 2],
    [500, 500, "awaiting_approval", 1],
    [400, 100, "approved", 0],
    [1, 5_000, "awaiting_approval", 2],
  ] as const)("an allowed %i TWD on an order whose other requests refund %i → %s with %i approvers", (amount, onOrder, state, approvals) => {
    expect(routeDecision(allow(amount), "TWD", policy, onOrder)).toMatchObject({ state, approvalsRequired: approvals, because: expect.stringContaining("with the order's other refunds") });
  });

  it("a manual refund (C7) on an order whose refunds together are above the single-approver amount needs two approvers", () => {
    expect(routeDecision({ outcome: "manual", route: "approval_policy", refundAmount: 3_000 }, "TWD", policy, 3_000)).toMatchObject({ state: "awaiting_approval", approvalsRequired: 2 });
    expect(routeDecision({ outcome: "manual", route: "approval_policy", refundAmount: 6_000 }, "TWD", policy)).toMatchObject({ approvalsRequired: 2 });
  });

  it("reject and wait are only posted", () => {
    expect(routeDecision({ outcome: "reject", refundAmount: 0 }, "TWD", policy)).toMatchObject({ state: "rejected", approvalsRequired: 0 });
    expect(routeDecision({ outcome: "wait", route: "approval_policy", refundAmount: 900 }, "TWD", policy)).toMatchObject({ state: "waiting", approvalsRequired: 0 });
  });
});
