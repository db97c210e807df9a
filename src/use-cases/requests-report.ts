import { stringify } from "csv-stringify/sync";
import { decisionSchema } from "../domain/decision";
import type { Approval, RequestRow } from "./ports/store";

/** A request with its approvals and when it reached a final state: what the report is made of. */
export type ReportRow = RequestRow & { approvals: Approval[]; completedAt: Date | null };

/** One line of the report: what was asked, what the rules said, who approved, and when. */
export interface ReportRecord {
  request_id: string;
  created_at: string;
  platform: string;
  order_id: string;
  kind: string;
  initiator: string;
  reason: string;
  requested_by: string;
  origin: string;
  state: string;
  outcome: string;
  rule_ids: string;
  refund_amount: number | null;
  currency: string;
  approvers: string;
  rejected_by: string;
  reject_reason: string;
  decided_at: string;
  completed_at: string;
}

export const REPORT_COLUMNS: (keyof ReportRecord)[] = [
  "request_id", "created_at", "platform", "order_id", "kind", "initiator", "reason", "requested_by", "origin", "state", "outcome",
  "rule_ids", "refund_amount", "currency", "approvers", "rejected_by", "reject_reason", "decided_at", "completed_at",
];

export function reportRecord(row: ReportRow): ReportRecord {
  const decision = row.decision === null ? null : decisionSchema.safeParse(row.decision);
  const parsed = decision?.success ? decision.data : null;
  const approvals = row.approvals.filter((a) => a.verdict === "approve");
  const rejection = row.approvals.find((a) => a.verdict === "reject");
  const lastAnswer = row.approvals.at(-1);
  return {
    request_id: `RD-${row.id}`,
    created_at: row.createdAt.toISOString(),
    platform: row.platform,
    order_id: row.orderId,
    kind: row.kind,
    initiator: row.initiator,
    reason: row.reason,
    requested_by: row.requestedBy,
    origin: row.origin,
    state: row.state,
    outcome: parsed?.outcome ?? "",
    rule_ids: parsed?.ruleIds.join(" ") ?? "",
    refund_amount: parsed ? parsed.refundAmount : row.amount,
    currency: row.currency,
    approvers: approvals.map((a) => a.approverId).join(" "),
    rejected_by: rejection?.approverId ?? "",
    reject_reason: rejection?.reason ?? "",
    decided_at: lastAnswer ? lastAnswer.at.toISOString() : "",
    completed_at: row.completedAt?.toISOString() ?? "",
  };
}

/**
 * The report as CSV. A cell that a spreadsheet would run as a formula (a reject reason or a note
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading quote: csv-stringify's
 * `escape_formulas` (CSV injection).
 */
export function reportCsv(rows: ReportRow[]): string {
  return stringify(rows.map(reportRecord), { header: true, columns: REPORT_COLUMNS, escape_formulas: true });
}

export function reportJson(rows: ReportRow[]): string {
  return `${JSON.stringify(rows.map(reportRecord), null, 2)}\n`;
}
