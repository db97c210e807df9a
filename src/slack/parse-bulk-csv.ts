import { parse } from "csv-parse/sync";
import { REASONS, type Reason } from "../domain/request";
import { REASON_LABELS } from "./format";
import { parseOrderRef, type OrderIdProblem } from "./parse-command-text";
import { MAX_BATCH_ITEMS } from "../domain/bulk/batch-items";
import type { BulkLine } from "../domain/bulk/resolve-lines";

/** What is wrong with a CSV or one of its lines, as a code and its data; the modal words it. */
export type CsvProblemKind =
  | { problem: "unreadable"; detail: string }
  | { problem: "no_order" }
  | { problem: "too_many_orders"; max: number; count: number }
  | { problem: "too_many_columns"; count: number }
  | { problem: "missing_id" }
  | OrderIdProblem
  | { problem: "unknown_reason"; reason: string; reasons: readonly string[] }
  | { problem: "bad_amount"; amount: string }
  | { problem: "duplicate"; orderId: string; firstLine: number };

/** `line`: 1-based, as an editor counts; 0: the file as a whole. */
export type CsvProblem = { line: number } & CsvProblemKind;

export type CsvResult = { ok: true; lines: BulkLine[] } | { ok: false; problems: CsvProblem[] };

/** Whole numbers, optionally grouped by thousands ("1,200", quoted in a CSV): "1.5" or "1,50" are ambiguous. */
const WHOLE_NUMBER = /^(\d{1,12}|\d{1,3}(,\d{3}){1,3})$/;
const HEADER_FIRST = /^(order|order[ _-]?(id|no|number)|id|platform:order[ _-]?id)$/i;

const normalise = (text: string) => text.trim().toLowerCase().replace(/[\s-]+/g, "_");
const REASON_BY_NAME = new Map<string, Reason>([
  ...REASONS.map((r) => [r, r] as const),
  ...REASONS.map((r) => [normalise(REASON_LABELS[r]), r] as const),
]);

/** A reason by its code (`out_of_stock`) or its label ("Out of stock"), in any case. */
export function parseReason(text: string): Reason | undefined {
  return REASON_BY_NAME.get(normalise(text));
}

/**
 * Reads a bulk CSV: one order per line, `order id, reason, amount`, reason and amount optional (the
 * batch's reason, everything refundable), an optional header line, `platform:` before an id that
 * exists on both platforms. Commas, semicolons or tabs separate the columns. Every problem is
 * reported with its line number, all at once; an order named twice is a problem too (which line
 * would count?).
 */
export function parseBulkCsv(text: string): CsvResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it ended in the text (its line number).
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, delimiter: [",", ";", "\t"] }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    // csv-parse names what went wrong with a code (CSV_QUOTE_NOT_CLOSED): data, not words.
    const detail = (error as { code?: unknown }).code;
    return { ok: false, problems: [{ line, problem: "unreadable", detail: typeof detail === "string" ? detail : "CSV" }] };
  }
  if (records.length > 0 && HEADER_FIRST.test(records[0]!.record[0] ?? "")) records = records.slice(1);
  records = records.filter(({ record }) => record.some((cell) => cell !== "") && !(record[0] ?? "").startsWith("#"));
  if (records.length === 0) return { ok: false, problems: [{ line: 0, problem: "no_order" }] };
  if (records.length > MAX_BATCH_ITEMS) return { ok: false, problems: [{ line: 0, problem: "too_many_orders", max: MAX_BATCH_ITEMS, count: records.length }] };

  const problems: CsvProblem[] = [];
  const lines: BulkLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const problem = (kind: CsvProblemKind) => problems.push({ line, ...kind });
    const [idCell = "", reasonCell = "", amountCell = "", ...extra] = record;
    if (extra.some((cell) => cell !== "")) {
      problem({ problem: "too_many_columns", count: record.length });
      continue;
    }
    if (idCell === "") {
      problem({ problem: "missing_id" });
      continue;
    }
    const ref = parseOrderRef(idCell);
    if ("problem" in ref) {
      problem(ref);
      continue;
    }
    const reason = reasonCell === "" ? undefined : parseReason(reasonCell);
    if (reasonCell !== "" && !reason) problem({ problem: "unknown_reason", reason: reasonCell, reasons: REASONS });
    let amount: number | undefined;
    if (amountCell !== "") {
      if (!WHOLE_NUMBER.test(amountCell) || Number(amountCell.replaceAll(",", "")) < 1) problem({ problem: "bad_amount", amount: amountCell });
      else amount = Number(amountCell.replaceAll(",", ""));
    }
    const key = `${ref.platform ?? "*"}:${ref.orderId}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) problem({ problem: "duplicate", orderId: idCell, firstLine: first });
    else firstLineOf.set(key, line);
    lines.push({ ref, line, ...(reason ? { reason } : {}), ...(amount !== undefined ? { amount } : {}) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}
