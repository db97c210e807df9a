import { describe, expect, it } from "vitest";
import { batchApprovalFloors, routeBatchMember } from "../../../src/domain/batch-approval";

const policy = { thresholds: { JPY: { autoApproveUpTo: 10_000, singleApproverUpTo: 100_000 }, TWD: { autoApproveUpTo: 0, singleApproverUpTo: 5_000 } } };
const allow = (refundAmount: number, route: "approval_policy" | "auto" | "seller_review" = "approval_policy") => ({ outcome: "allow" as const, route, refundAmount });

describe("thresholds on the batch total", () => {
  it("sums the approval-policy refunds per currency and routes each total like one request", () => {
    const members = [
      { decision: allow(3_000), currency: "JPY" },
      { decision: allow(3_000), currency: "JPY" },
      { decision: allow(90_000, "auto"), currency: "JPY" }, // Q12: the platform's own route, not the team's thresholds
      { decision: { outcome: "reject" as const, refundAmount: 0 }, currency: "JPY" },
      { decision: { outcome: "manual" as const, route: "approval_policy" as const, refundAmount: 9_000 }, currency: "TWD" }, // C7: always one approver
      { decision: allow(3_000), currency: "TWD" },
      { decision: allow(3_000), currency: "TWD" },
      { decision: allow(500), currency: "USD" },
    ];
    expect(batchApprovalFloors(members, policy)).toEqual({
      JPY: { approvalsRequired: 0, total: 6_000, because: "batch total 6000 JPY is at most 10000: approved by policy" },
      TWD: { approvalsRequired: 2, total: 6_000, because: "batch total 6000 TWD is above 5000: two approvers" },
      USD: { approvalsRequired: 1, total: 500, because: "batch total 500 USD, no thresholds for USD: one approver" },
    });
  });

  it("a hundred refunds just under the automatic limit are one large refund", () => {
    const members = Array.from({ length: 100 }, () => ({ decision: allow(9_000), currency: "JPY" }));
    const floors = batchApprovalFloors(members, policy);
    expect(floors.JPY).toMatchObject({ approvalsRequired: 2, total: 900_000 });
    // Alone, 9,000 JPY is approved by policy; in this batch it needs two approvers.
    expect(routeBatchMember(allow(9_000), "JPY", policy, floors)).toEqual({ state: "awaiting_approval", approvalsRequired: 2, because: "batch total 900000 JPY is above 100000: two approvers" });
  });

  it("a member needs the more of its own routing and the batch's", () => {
    const floors = batchApprovalFloors([{ decision: allow(20_000), currency: "JPY" }], policy);
    expect(floors.JPY!.approvalsRequired).toBe(1);
    expect(routeBatchMember(allow(500), "JPY", policy, floors)).toMatchObject({ state: "awaiting_approval", approvalsRequired: 1 });
    expect(routeBatchMember(allow(200_000), "JPY", policy, floors)).toMatchObject({ state: "awaiting_approval", approvalsRequired: 2, because: "above 100000 JPY: two approvers" });
    expect(routeBatchMember(allow(500), "JPY", policy, { JPY: { approvalsRequired: 0, total: 500, because: "" } })).toMatchObject({ state: "approved", approvalsRequired: 0 });
  });

  it("leaves refusals, waits, the platform's own routes and manual refunds as a single request routes them", () => {
    const floors = { JPY: { approvalsRequired: 2 as const, total: 1, because: "x" } };
    expect(routeBatchMember({ outcome: "reject", refundAmount: 0 }, "JPY", policy, floors)).toMatchObject({ state: "rejected" });
    expect(routeBatchMember({ outcome: "wait", route: "approval_policy", refundAmount: 5 }, "JPY", policy, floors)).toMatchObject({ state: "waiting" });
    expect(routeBatchMember(allow(5, "auto"), "JPY", policy, floors)).toMatchObject({ state: "approved", approvalsRequired: 0 });
    expect(routeBatchMember(allow(5, "seller_review"), "JPY", policy, floors)).toMatchObject({ approvalsRequired: 1 });
  });

  it("a currency the batch total did not see needs at least one approver", () => {
    expect(routeBatchMember(allow(5), "JPY", policy, {})).toMatchObject({ state: "awaiting_approval", approvalsRequired: 1, because: expect.stringContaining("not in the batch total") });
  });
});
