import { describe, expect, it } from "vitest";
import { MAX_ORDERS_PER_COMMAND, parseCommandText } from "../../../src/slack/parse-command-text";

describe("the text after /refund and /cancel", () => {
  it.each([
    ["", { type: "usage" }],
    ["   ", { type: "usage" }],
    ["help", { type: "help" }],
    ["HELP", { type: "help" }],
    ["policy", { type: "policy" }],
    ["policy qoo10", { type: "policy", platform: "qoo10" }],
    ["status RD-12", { type: "status", query: "RD-12" }],
    ["CB1001", { type: "orders", refs: [{ orderId: "CB1001" }] }],
    ["qoo10:QX2001", { type: "orders", refs: [{ platform: "qoo10", orderId: "QX2001" }] }],
    ["A1, B2\nC3", { type: "orders", refs: [{ orderId: "A1" }, { orderId: "B2" }, { orderId: "C3" }] }],
  ])("/refund %j", (text, expected) => {
    expect(parseCommandText("refund", text)).toEqual(expected);
  });

  it("reads subcommand words as order ids for /cancel, which has none", () => {
    expect(parseCommandText("cancel", "status")).toEqual({ type: "orders", refs: [{ orderId: "status" }] });
  });

  it("names each token that is not an order id", () => {
    const parsed = parseCommandText("refund", "ok-1 <script> amazon:9");
    expect(parsed.type).toBe("invalid");
    expect(parsed.type === "invalid" && parsed.message).toContain("`<script>` is not an order id");
    expect(parsed.type === "invalid" && parsed.message).toContain("unknown platform `amazon`");
  });

  it("refuses more than the bulk limit", () => {
    const text = Array.from({ length: MAX_ORDERS_PER_COMMAND + 1 }, (_, i) => `O${i}`).join(" ");
    expect(parseCommandText("cancel", text)).toMatchObject({ type: "invalid", message: expect.stringContaining(`${MAX_ORDERS_PER_COMMAND + 1}`) });
  });

  it("refuses a wrong subcommand argument", () => {
    expect(parseCommandText("refund", "status").type).toBe("invalid");
    expect(parseCommandText("refund", "policy amazon").type).toBe("invalid");
  });
});
