import { describe, expect, it } from "vitest";
import { idsToLookUp, resolveLines, type KnownOrder } from "../../../src/domain/bulk/resolve-lines";
import { parseCommandText } from "../../../src/slack/parse-command-text";

const known: KnownOrder[] = [
  { platform: "qoo10", orderId: "QX1", currency: "JPY", total: 5_800 },
  { platform: "qoo10", orderId: "QX2", currency: "JPY", total: 3_000 },
  { platform: "cyberbiz", orderId: "SAME", currency: "TWD", total: 1_200 },
  { platform: "qoo10", orderId: "SAME", currency: "JPY", total: 900 },
];

function refsOf(text: string) {
  const parsed = parseCommandText("cancel", text);
  if (parsed.type !== "orders") throw new Error(parsed.type);
  return parsed.refs.map((ref) => ({ ref }));
}

describe("bulk ids after a command", () => {
  it("are split on spaces, commas and new lines, up to 500", () => {
    expect(refsOf("QX1 QX2,QX3\nqoo10:SAME").map((l) => l.ref)).toEqual([{ orderId: "QX1" }, { orderId: "QX2" }, { orderId: "QX3" }, { platform: "qoo10", orderId: "SAME" }]);
    expect(parseCommandText("cancel", Array.from({ length: 500 }, (_, i) => `A${i}`).join(" ")).type).toBe("orders");
    expect(parseCommandText("cancel", Array.from({ length: 501 }, (_, i) => `A${i}`).join(" "))).toEqual({ type: "invalid", problem: "too_many_orders", max: 500, count: 501 });
    expect(parseCommandText("refund", "bulk")).toEqual({ type: "bulk" });
    expect(parseCommandText("cancel", "bulk")).toEqual({ type: "bulk" });
  });

  it("are recognised in input order; unknown ones and ones on both platforms are set aside", () => {
    const resolution = resolveLines(refsOf("QX2 NOPE QX1 SAME cyberbiz:SAME qoo10:QX9"), known);
    expect(resolution.items).toEqual([
      { platform: "qoo10", orderId: "QX2", currency: "JPY" },
      { platform: "qoo10", orderId: "QX1", currency: "JPY" },
      { platform: "cyberbiz", orderId: "SAME", currency: "TWD" },
    ]);
    expect(resolution.skipped).toEqual([
      { ref: "NOPE", why: "unknown" },
      { ref: "SAME", why: "ambiguous", platforms: ["cyberbiz", "qoo10"] },
      { ref: "qoo10:QX9", why: "unknown" },
    ]);
    expect(resolution.duplicates).toEqual([]);
  });

  it("an order named twice (even once with its prefix) is filed once", () => {
    const resolution = resolveLines([{ ref: { orderId: "QX1" }, line: 2 }, { ref: { platform: "qoo10", orderId: "QX1" }, line: 5 }, { ref: { orderId: "QX1" } }], known);
    expect(resolution.items).toEqual([{ platform: "qoo10", orderId: "QX1", currency: "JPY", line: 2 }]);
    expect(resolution.duplicates).toEqual([{ ref: "qoo10:QX1", line: 5, firstLine: 2 }, { ref: "QX1", firstLine: 2 }]);
  });

  it("keeps each CSV line's own reason and amount", () => {
    const resolution = resolveLines([{ ref: { orderId: "QX1" }, line: 3, reason: "shipping_delay", amount: 100 }], known);
    expect(resolution.items).toEqual([{ platform: "qoo10", orderId: "QX1", currency: "JPY", line: 3, reason: "shipping_delay", amount: 100 }]);
  });

  it("asks the store for each id once", () => {
    expect(idsToLookUp(refsOf("A B A qoo10:B C"))).toEqual(["A", "B", "C"]);
  });

  it("set aside a line asking more than its order's total, with its line and the total: no decision could grant it", () => {
    const resolution = resolveLines([{ ref: { orderId: "QX1" }, line: 2, amount: 999_999_999_999 }, { ref: { orderId: "QX2" }, line: 3, amount: 3_000 }], known);
    expect(resolution.overTotal).toEqual([{ ref: "QX1", line: 2, amount: 999_999_999_999, total: 5_800, currency: "JPY" }]);
    expect(resolution.items.map((i) => i.orderId)).toEqual(["QX2"]);
  });
});
