import { describe, expect, it } from "vitest";
import { REASONS } from "../../../src/domain/request";
import { LOCALES, wordsFor } from "../../../src/presentation/index";
import { parseBulkCsv, parseReason, type CsvProblem } from "../../../src/slack/parse-bulk-csv";
import { describeProblems } from "../../../src/slack/views/csv-problems";

const en = wordsFor("en");

const ok = (text: string) => {
  const result = parseBulkCsv(text);
  if (!result.ok) throw new Error(describeProblems(en, result.problems));
  return result.lines;
};
const problems = (text: string) => {
  const result = parseBulkCsv(text);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
};

describe("a bulk CSV", () => {
  it("reads order id, reason and amount, reason and amount optional, with the line number of each", () => {
    expect(ok("QX1,out_of_stock,5800\nCB2\n\nCB3,,500\n")).toEqual([
      { ref: { orderId: "QX1" }, line: 1, reason: "out_of_stock", amount: 5800 },
      { ref: { orderId: "CB2" }, line: 2 },
      { ref: { orderId: "CB3" }, line: 4, amount: 500 },
    ]);
  });

  it("skips a header line, a BOM and comment lines, and takes semicolons or tabs as separators", () => {
    expect(ok("\uFEFForder_id;reason;amount\n# from the warehouse\nQX1;Out of stock;\nQX2\tshipping delay\t\n").map((l) => [l.line, l.ref.orderId, l.reason])).toEqual([
      [3, "QX1", "out_of_stock"],
      [4, "QX2", "shipping_delay"],
    ]);
    expect(ok("Order ID,Reason\nQX1,").map((l) => l.line)).toEqual([2]);
  });

  it("takes platform prefixes, and amounts grouped by thousands when quoted", () => {
    expect(ok('qoo10:QX1\ncyberbiz:CB1,defective_item,"1,200"')).toEqual([
      { ref: { platform: "qoo10", orderId: "QX1" }, line: 1 },
      { ref: { platform: "cyberbiz", orderId: "CB1" }, line: 2, reason: "defective_item", amount: 1200 },
    ]);
  });

  it("reports every bad line at once, with its number", () => {
    expect(problems("QX1,out_of_stock,1.5\nQX2,out_of_stock,0\nQX3,out_of_stock,-3\nQX4,because\nQX5,,,extra\n<x>\namazon:QX6\n,out_of_stock\nQX7,out_of_stock,abc")).toEqual([
      { line: 1, problem: "bad_amount", amount: "1.5" },
      { line: 2, problem: "bad_amount", amount: "0" },
      { line: 3, problem: "bad_amount", amount: "-3" },
      { line: 4, problem: "unknown_reason", reason: "because", reasons: REASONS },
      { line: 5, problem: "too_many_columns", count: 4 },
      { line: 6, problem: "not_an_order_id", token: "<x>" },
      { line: 7, problem: "unknown_platform", token: "amazon:QX6", prefix: "amazon" },
      { line: 8, problem: "missing_id" },
      { line: 9, problem: "bad_amount", amount: "abc" },
    ]);
  });

  it("words each bad line for the modal, with its number", () => {
    const text = describeProblems(en, problems("QX1,out_of_stock,1.5\nQX4,because\nQX5,,,extra\n<x>\namazon:QX6\n,out_of_stock\nQX1"), 10);
    expect(text).toBe(
      'Line 1: amount "1.5" is not a positive whole number (in the currency\'s smallest unit). ' +
        `Line 2: unknown reason "because" (use one of ${REASONS.join(", ")}). ` +
        "Line 3: expected at most 3 columns (order id, reason, amount), found 4. " +
        'Line 4: "<x>" is not an order id (letters, digits, . _ -, at most 64). ' +
        'Line 5: "amazon:QX6": unknown platform "amazon" (use cyberbiz: or qoo10:). ' +
        "Line 6: the order id is missing. " +
        "Line 7: order QX1 is already on line 1.",
    );
  });

  it("an order named twice is a problem: which line would count?", () => {
    expect(problems("QX1,out_of_stock\nQX2\nQX1,shipping_delay\nqoo10:QX2\nqoo10:QX2")).toEqual([
      { line: 3, problem: "duplicate", orderId: "QX1", firstLine: 1 },
      { line: 5, problem: "duplicate", orderId: "qoo10:QX2", firstLine: 4 },
    ]);
  });

  it("an empty file, an unreadable one and one over the limit are refused as a whole", () => {
    expect(problems("\n\n")).toEqual([{ line: 0, problem: "no_order" }]);
    expect(problems('QX1,"unclosed\nQX2')).toEqual([{ line: expect.any(Number), problem: "unreadable", detail: "CSV_QUOTE_NOT_CLOSED" }]);
    const big = Array.from({ length: 10_001 }, (_, i) => `QX${i}`).join("\n");
    expect(problems(big)).toEqual([{ line: 0, problem: "too_many_orders", max: 10_000, count: 10_001 }]);
    expect(describeProblems(en, problems(big))).toBe("At most 10,000 orders at once; this has 10,001.");
    expect(ok(Array.from({ length: 10_000 }, (_, i) => `QX${i}`).join("\n"))).toHaveLength(10_000);
  });

  it("reasons by code or by label, in any case", () => {
    expect(parseReason("OUT_OF_STOCK")).toBe("out_of_stock");
    expect(parseReason("Wrong item sent")).toBe("wrong_item");
    expect(parseReason("undeliverable-region")).toBe("undeliverable_region");
    expect(parseReason("soon")).toBeUndefined();
  });

  it("describes the first problems for the modal, then how many more", () => {
    const many: CsvProblem[] = Array.from({ length: 12 }, (_, i) => ({ line: i + 1, problem: "missing_id" }));
    expect(describeProblems(en, many, 2)).toBe("Line 1: the order id is missing. Line 2: the order id is missing. …and 10 more problems.");
    expect(describeProblems(en, [{ line: 0, problem: "no_order" }])).toBe("No order in it: one order per line, order id, reason, amount.");
  });

  it.each(LOCALES)("words every problem in %s", (locale) => {
    const all: CsvProblem[] = [
      { line: 0, problem: "unreadable", detail: "CSV_QUOTE_NOT_CLOSED" },
      { line: 0, problem: "no_order" },
      { line: 0, problem: "too_many_orders", max: 10_000, count: 10_001 },
      { line: 1, problem: "too_many_columns", count: 4 },
      { line: 2, problem: "missing_id" },
      { line: 3, problem: "not_an_order_id", token: "<x>" },
      { line: 4, problem: "unknown_platform", token: "amazon:QX6", prefix: "amazon" },
      { line: 5, problem: "unknown_reason", reason: "because", reasons: REASONS },
      { line: 6, problem: "bad_amount", amount: "1.5" },
      { line: 7, problem: "duplicate", orderId: "QX1", firstLine: 1 },
    ];
    const text = describeProblems(wordsFor(locale), all, all.length);
    for (const data of ["CSV_QUOTE_NOT_CLOSED", "<x>", "amazon:QX6", "because", "1.5", "QX1"]) expect(text).toContain(data);
    if (locale !== "en") expect(text).not.toMatch(/\b(Line|order|amount|unknown)\b/);
  });
});
