import { describe, expect, it } from "vitest";
import { wordsFor } from "../../../src/presentation/index";
import { commandProblemText } from "../../../src/slack/listeners/commands/command-problem";
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
    expect(parsed).toEqual({
      type: "invalid",
      problem: "bad_order_ids",
      ids: [
        { problem: "not_an_order_id", token: "<script>" },
        { problem: "unknown_platform", token: "amazon:9", prefix: "amazon" },
      ],
    });
    const text = parsed.type === "invalid" ? commandProblemText(wordsFor("en"), "refund", parsed) : "";
    expect(text).toContain("`<script>` is not an order id");
    expect(text).toContain("unknown platform `amazon`");
  });

  it("names the first five bad ids, then how many more, in the reader's words", () => {
    const parsed = parseCommandText("refund", "<a> <b> <c> <d> <e> <f> <g>");
    if (parsed.type !== "invalid") throw new Error("expected invalid");
    const lines = commandProblemText(wordsFor("en"), "refund", parsed).split("\n");
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe("…and 2 more");
    expect(commandProblemText(wordsFor("ja"), "refund", parsed)).toContain("`<a>` は注文番号ではありません");
  });

  it("refuses more than the bulk limit", () => {
    const text = Array.from({ length: MAX_ORDERS_PER_COMMAND + 1 }, (_, i) => `O${i}`).join(" ");
    expect(parseCommandText("cancel", text)).toMatchObject({ type: "invalid", problem: "too_many_orders", max: MAX_ORDERS_PER_COMMAND, count: MAX_ORDERS_PER_COMMAND + 1 });
  });

  it("refuses a wrong subcommand argument", () => {
    expect(parseCommandText("refund", "status")).toEqual({ type: "invalid", problem: "status_argument" });
    expect(parseCommandText("refund", "policy amazon")).toEqual({ type: "invalid", problem: "policy_argument" });
  });
});
