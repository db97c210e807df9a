import { describe, expect, it } from "vitest";
import { batchProgress, isDecided, progressLine } from "../../../src/domain/bulk/batch-progress";
import { resultsCsv } from "../../../src/slack/results-csv";
import { parse } from "csv-parse/sync";

describe("a batch's progress", () => {
  it("counts every member with a decision as done, grouped in a fixed order", () => {
    const progress = batchProgress({ completed: 380, awaiting_approval: 20, rejected: 12, submitted: 88 }, 500, "cancel");
    expect(progressLine(progress)).toBe("412/500 done: 380 cancelled, 20 waiting for approval, 12 refused");
    expect(isDecided(progress)).toBe(false);
  });

  it("names what comes after a decision, and what is not filed yet counts as not done", () => {
    const progress = batchProgress({ approved: 3, executing: 2, manual_pending: 1, denied: 1, expired: 2, failed: 1, waiting: 1 }, 20, "refund");
    expect(progressLine(progress)).toBe("11/20 done: 5 approved, 1 to refund by hand, 1 waiting for a condition, 1 failed, 1 rejected by an approver, 2 expired");
    expect(progress.filed).toBe(11);
    expect(isDecided(progress)).toBe(false);
    expect(isDecided(batchProgress({ rejected: 20 }, 20, "refund"))).toBe(true);
    expect(progressLine(batchProgress({}, 500, "cancel"))).toBe("0/500 done");
    expect(progressLine(batchProgress({ completed: 2 }, 2, "return"))).toBe("2/2 done: 2 returned");
  });
});

describe("the results CSV", () => {
  it("has one line per member (request, order, decision, rules, state, amount) and one per id not filed", () => {
    const csv = resultsCsv(
      [
        { requestId: 12, platform: "qoo10", orderId: "QX1", line: 2, outcome: "allow", ruleIds: ["Q3", "Q5"], state: "awaiting_approval", amount: 5800, currency: "JPY" },
        { requestId: 13, platform: "qoo10", orderId: "QX2", line: null, outcome: "reject", ruleIds: ["Q8"], state: "rejected", amount: 0, currency: "JPY" },
      ],
      [{ ref: "NOPE", why: "unknown", line: 4 }, { ref: "SAME", why: "ambiguous", platforms: ["cyberbiz", "qoo10"] }],
    );
    expect(parse(resultsCsv([], [{ ref: "=cmd|' /C calc'!A0", why: "unknown" }]), { columns: true })).toEqual([expect.objectContaining({ order_id: "'=cmd|' /C calc'!A0" })]);
    expect(parse(csv, { columns: true })).toEqual([
      { request_id: "RD-12", platform: "qoo10", order_id: "QX1", line: "2", decision: "allow", rules: "Q3 Q5", state: "awaiting_approval", amount: "5800", currency: "JPY", note: "" },
      { request_id: "RD-13", platform: "qoo10", order_id: "QX2", line: "", decision: "reject", rules: "Q8", state: "rejected", amount: "0", currency: "JPY", note: "" },
      { request_id: "", platform: "", order_id: "NOPE", line: "4", decision: "skipped", rules: "", state: "not filed", amount: "", currency: "", note: "not in the order store" },
      { request_id: "", platform: "", order_id: "SAME", line: "", decision: "skipped", rules: "", state: "not filed", amount: "", currency: "", note: "on several platforms (cyberbiz, qoo10): prefix it" },
    ]);
  });
});
