import { describe, expect, it } from "vitest";
import { describeProblems, parseBulkCsv, parseReason } from "../../../src/slack/parse-bulk-csv";

const ok = (text: string) => {
  const result = parseBulkCsv(text);
  if (!result.ok) throw new Error(describeProblems(result.problems));
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
      { line: 1, message: 'amount "1.5" is not a positive whole number (in the currency\'s smallest unit)' },
      { line: 2, message: 'amount "0" is not a positive whole number (in the currency\'s smallest unit)' },
      { line: 3, message: 'amount "-3" is not a positive whole number (in the currency\'s smallest unit)' },
      { line: 4, message: expect.stringMatching(/^unknown reason "because" \(use one of out_of_stock, /) },
      { line: 5, message: "expected at most 3 columns (order id, reason, amount), found 4" },
      { line: 6, message: '"<x>" is not an order id (letters, digits, . _ -, at most 64)' },
      { line: 7, message: '"amazon:QX6": unknown platform "amazon" (use cyberbiz: or qoo10:)' },
      { line: 8, message: "the order id is missing" },
      { line: 9, message: 'amount "abc" is not a positive whole number (in the currency\'s smallest unit)' },
    ]);
  });

  it("an order named twice is a problem: which line would count?", () => {
    expect(problems("QX1,out_of_stock\nQX2\nQX1,shipping_delay\nqoo10:QX2\nqoo10:QX2")).toEqual([
      { line: 3, message: "order QX1 is already on line 1" },
      { line: 5, message: "order qoo10:QX2 is already on line 4" },
    ]);
  });

  it("an empty file, an unreadable one and one over the limit are refused as a whole", () => {
    expect(problems("\n\n")).toEqual([{ line: 0, message: expect.stringContaining("no order in it") }]);
    expect(problems('QX1,"unclosed\nQX2')).toEqual([{ line: expect.any(Number), message: expect.stringContaining("not a CSV file I can read") }]);
    const big = Array.from({ length: 10_001 }, (_, i) => `QX${i}`).join("\n");
    expect(problems(big)).toEqual([{ line: 0, message: "at most 10,000 orders at once; this has 10,001" }]);
    expect(ok(Array.from({ length: 10_000 }, (_, i) => `QX${i}`).join("\n"))).toHaveLength(10_000);
  });

  it("reasons by code or by label, in any case", () => {
    expect(parseReason("OUT_OF_STOCK")).toBe("out_of_stock");
    expect(parseReason("Wrong item sent")).toBe("wrong_item");
    expect(parseReason("undeliverable-region")).toBe("undeliverable_region");
    expect(parseReason("soon")).toBeUndefined();
  });

  it("describes the first problems for the modal, then how many more", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ line: i + 1, message: "bad" }));
    expect(describeProblems(many, 2)).toBe("Line 1: bad. Line 2: bad. …and 10 more problems.");
    expect(describeProblems([{ line: 0, message: "no order in it" }])).toBe("No order in it.");
  });
});
