import { describe, expect, it } from "vitest";
import { parseOrderFile } from "../../../src/cli/parse-order-file";

const good = (orderId: string, platform = "qoo10") =>
  JSON.stringify({ platform, orderId, status: platform === "qoo10" ? "new" : "unshipped", paymentMethod: "credit_card", currency: "JPY", total: 100, createdAt: "2026-11-01T00:00:00Z" });

describe("an order file", () => {
  it("reads JSON Lines, skipping blank lines, with defaults filled", () => {
    const result = parseOrderFile(`${good("A")}\n\n${good("B", "cyberbiz")}\n`);
    expect(result.ok).toBe(true);
    expect(result.ok && result.orders.map((o) => [o.platform, o.orderId, o.refunded, o.couponCodes])).toEqual([
      ["qoo10", "A", 0, []],
      ["cyberbiz", "B", 0, []],
    ]);
  });

  it("reads a JSON array", () => {
    const result = parseOrderFile(`[\n${good("A")},\n${good("B")}\n]`);
    expect(result.ok && result.orders.length).toBe(2);
  });

  it("names the line and the field of every problem, and rejects the whole file", () => {
    const bad = JSON.stringify({ platform: "cyberbiz", orderId: "C", status: "new", paymentMethod: "line_pay", currency: "twd", total: 5, createdAt: "2026-11-01" });
    const result = parseOrderFile(`${good("A")}\n${bad}\n{oops\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(/^line 2: status: /),
      expect.stringMatching(/^line 2: currency: expected an ISO 4217 code/),
      expect.stringMatching(/^line 2: createdAt: expected an ISO 8601 timestamp/),
      expect.stringMatching(/^line 3: not valid JSON/),
    ]);
  });

  it("gives array elements the line they start on", () => {
    const result = parseOrderFile(`[\n  ${good("A")},\n\n  {"platform": "qoo10",\n   "orderId": ""}\n]`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/^line 4: /);
  });

  it("refuses an order twice in one file, and refunded above total", () => {
    const over = JSON.stringify({ ...JSON.parse(good("B")), refunded: 101 });
    const result = parseOrderFile(`${good("A")}\n${good("A")}\n${over}`);
    expect(!result.ok && result.problems).toEqual(["line 2: orderId: qoo10:A already appears on line 1", "line 3: refunded: expected at most total (100)"]);
  });

  it("refuses an empty file and a JSON value that is not a list", () => {
    expect(parseOrderFile("  \n")).toEqual({ ok: false, problems: ["the file holds no orders"] });
    expect(parseOrderFile('["x"')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^not valid JSON/)] });
  });
});
