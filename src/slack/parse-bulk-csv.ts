import { parse } from "csv-parse/sync";
import { REASONS, type Reason } from "../domain/request";
import { REASON_LABELS } from "./format";
import { parseOrderRef } from "./parse-command-text";
import { MAX_BATCH_ITEMS } from "../domain/bulk/batch-items";
import type { BulkLine } from "../domain/bulk/resolve-lines";

export interface CsvProblem {
  /** 1-based, as an editor counts; 0: the file as a whole. */
  line: number;
  message: string;
}

export type CsvResult = { ok: true; lines: BulkLine[] } | { ok: false; problems: CsvProblem[] };

/** Whole numbers, optionally grouped by thousands ("1,200", quoted in a CSV): "1.5" or "1,50" are ambiguous. */
const WHOLE_NUMBER = /^(\d{1,12}|\d{1,3}(,\d{3}){1,3})$/;
const HEADER_FIRST = /^(order|order[ _-]?(id|no|number)|id|platform:order[ _-]?id)$/i;
const COLUMNS = "order id, reason, amount";

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
    return { ok: false, problems: [{ line, message: `not a CSV file I can read (${(error as Error).message.split(":")[0]})` }] };
  }
  if (records.length > 0 && HEADER_FIRST.test(records[0]!.record[0] ?? "")) records = records.slice(1);
  records = records.filter(({ record }) => record.some((cell) => cell !== "") && !(record[0] ?? "").startsWith("#"));
  if (records.length === 0) return { ok: false, problems: [{ line: 0, message: `no order in it: one order per line, ${COLUMNS}` }] };
  if (records.length > MAX_BATCH_ITEMS) return { ok: false, problems: [{ line: 0, message: `at most ${MAX_BATCH_ITEMS.toLocaleString("en-US")} orders at once; this has ${records.length.toLocaleString("en-US")}` }] };

  const problems: CsvProblem[] = [];
  const lines: BulkLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const problem = (message: string) => problems.push({ line, message });
    const [idCell = "", reasonCell = "", amountCell = "", ...extra] = record;
    if (extra.some((cell) => cell !== "")) {
      problem(`expected at most 3 columns (${COLUMNS}), found ${record.length}`);
      continue;
    }
    if (idCell === "") {
      problem("the order id is missing");
      continue;
    }
    const ref = parseOrderRef(idCell);
    if (typeof ref === "string") {
      problem(ref.replaceAll("`", "\""));
      continue;
    }
    const reason = reasonCell === "" ? undefined : parseReason(reasonCell);
    if (reasonCell !== "" && !reason) problem(`unknown reason "${reasonCell}" (use one of ${REASONS.join(", ")})`);
    let amount: number | undefined;
    if (amountCell !== "") {
      if (!WHOLE_NUMBER.test(amountCell) || Number(amountCell.replaceAll(",", "")) < 1) problem(`amount "${amountCell}" is not a positive whole number (in the currency's smallest unit)`);
      else amount = Number(amountCell.replaceAll(",", ""));
    }
    const key = `${ref.platform ?? "*"}:${ref.orderId}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) problem(`order ${idCell} is already on line ${first}`);
    else firstLineOf.set(key, line);
    lines.push({ ref, line, ...(reason ? { reason } : {}), ...(amount !== undefined ? { amount } : {}) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}

/** Problems as one text for the modal: the first few, then how many more. */
export function describeProblems(problems: readonly CsvProblem[], max = 8): string {
  const shown = problems.slice(0, max).map((p) => (p.line > 0 ? `Line ${p.line}: ${p.message}` : `${p.message.charAt(0).toUpperCase()}${p.message.slice(1)}`));
  const more = problems.length > max ? ` …and ${problems.length - max} more problem${problems.length - max === 1 ? "" : "s"}.` : "";
  return `${shown.join(". ")}.${more}`;
}
