import { stringify } from "csv-stringify/sync";
import type { SkippedItem } from "../domain/bulk/batch-items";

/** One member of a finished batch, as the results CSV shows it. */
export interface MemberResult {
  requestId: number;
  platform: string;
  orderId: string;
  line: number | null;
  outcome: string | null;
  ruleIds: readonly string[];
  state: string;
  /** The decision's refund (or the amount asked, before a decision). */
  amount: number | null;
  currency: string;
}

export const RESULT_COLUMNS = ["request_id", "platform", "order_id", "line", "decision", "rules", "state", "amount", "currency", "note"] as const;

/**
 * The per-order results of a batch, posted in its thread when it finishes: one line per member
 * (request id, order, decision, rules, state, amount) and one per id that was not filed.
 */
export function resultsCsv(members: readonly MemberResult[], skipped: readonly SkippedItem[]): string {
  const rows: string[][] = members.map((m) => [
    `RD-${m.requestId}`,
    m.platform,
    m.orderId,
    m.line === null ? "" : String(m.line),
    m.outcome ?? "",
    m.ruleIds.join(" "),
    m.state,
    m.amount === null ? "" : String(m.amount),
    m.currency,
    "",
  ]);
  for (const s of skipped) {
    const note = s.why === "unknown" ? "not in the order store" : `on several platforms (${(s.platforms ?? []).join(", ")}): prefix it`;
    rows.push(["", "", s.ref, s.line === undefined ? "" : String(s.line), "skipped", "", "not filed", "", "", note]);
  }
  // A cell a spreadsheet would run as a formula gets a leading quote (CSV injection).
  return stringify(rows, { header: true, columns: [...RESULT_COLUMNS], escape_formulas: true });
}
