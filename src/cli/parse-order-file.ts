import { orderSchema, type Order } from "../domain/order";

export type OrderFileResult = { ok: true; orders: Order[] } | { ok: false; problems: string[] };

interface Entry {
  line: number;
  value: unknown;
}

/** Where each element of a top-level JSON array starts, so problems can name a line. */
function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectingValue && c !== undefined && !/\s/.test(c) && c !== "]") {
      lines.push(line);
      expectingValue = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth === 1) expectingValue = true;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expectingValue = true;
  }
  return lines;
}

function entriesOf(text: string): Entry[] | string {
  if (text.trimStart().startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return `not valid JSON: ${(error as Error).message}`;
    }
    if (!Array.isArray(parsed)) return "expected a JSON array of orders, or one order per line (JSON Lines)";
    const lines = arrayElementLines(text);
    return parsed.map((value, i) => ({ line: lines[i] ?? 0, value }));
  }
  const entries: Entry[] = [];
  const rows = text.split(/\r?\n/);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!.trim();
    if (row === "") continue;
    try {
      entries.push({ line: i + 1, value: JSON.parse(row) });
    } catch (error) {
      entries.push({ line: i + 1, value: new SyntaxError((error as Error).message) });
    }
  }
  return entries;
}

const MAX_PROBLEMS = 50;

/**
 * Reads a file of orders in the vocabulary of docs/rules.md: a JSON array, or JSON Lines. Every bad entry
 * is reported with its line number and the field that is wrong; one problem rejects the whole file.
 */
export function parseOrderFile(text: string): OrderFileResult {
  const entries = entriesOf(text);
  if (typeof entries === "string") return { ok: false, problems: [entries] };
  if (entries.length === 0) return { ok: false, problems: ["the file holds no orders"] };
  const problems: string[] = [];
  const orders: Order[] = [];
  const seen = new Map<string, number>();
  for (const { line, value } of entries) {
    if (value instanceof SyntaxError) {
      problems.push(`line ${line}: not valid JSON: ${value.message}`);
      continue;
    }
    const parsed = orderSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`line ${line}: ${issue.path.join(".") || "order"}: ${issue.message}`);
      continue;
    }
    const key = `${parsed.data.platform}:${parsed.data.orderId}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`line ${line}: orderId: ${key} already appears on line ${first}`);
    else seen.set(key, line);
    orders.push(parsed.data);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(`…and ${problems.length - MAX_PROBLEMS} more problems`);
    return { ok: false, problems: shown };
  }
  return { ok: true, orders };
}
