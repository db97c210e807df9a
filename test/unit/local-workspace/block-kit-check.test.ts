import { describe, expect, it } from "vitest";
import { checkBlocks, checkView } from "../../../src/local-workspace/block-kit-check";
import { demoOrders } from "../../../src/local-workspace/demo-orders";
import { buildBulkCsvModal, buildRejectBatchModal } from "../../../src/slack/views/bulk-modal";
import { buildRejectModal } from "../../../src/slack/views/reject-modal";
import { buildRequestModal } from "../../../src/slack/views/request-modal";
import { buildAppHome } from "../../../src/slack/views/app-home";
import { wordsFor } from "../../../src/presentation/words";

describe("Slack's checks of Block Kit, as the local workspace makes them", () => {
  it("takes every modal the bot opens", () => {
    for (const order of demoOrders(new Date("2026-12-01T00:00:00Z"))) {
      for (const command of ["refund", "cancel"] as const) {
        for (const initiator of ["store", "customer"] as const) expect(checkView(buildRequestModal(wordsFor("en"), { order, command, channelId: "C1", initiator, kind: command }))).toEqual([]);
      }
    }
    expect(checkView(buildBulkCsvModal(wordsFor("en"), { command: "cancel", channelId: "C1" }))).toEqual([]);
    expect(checkView(buildRejectModal(wordsFor("en"), 2_147_483_647))).toEqual([]);
    expect(checkView(buildRejectBatchModal(wordsFor("en"), "B123", 500))).toEqual([]);
    expect(checkView(buildAppHome(wordsFor("en"), { approver: true, open: [], recent: [], waiting: [], waitingTotal: 0 }))).toEqual([]);
  });

  it("refuses what Slack refuses, saying where", () => {
    expect(checkBlocks([{ type: "section", text: { type: "mrkdwn", text: "" } }], "message")).toEqual(["[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]"]);
    expect(checkBlocks([{ type: "header", text: { type: "mrkdwn", text: "x" } }], "message")[0]).toContain("must be plain_text");
    expect(checkBlocks([{ type: "input", label: { type: "plain_text", text: "x" }, element: { type: "plain_text_input" } }], "message")[0]).toContain("not allowed in messages");
    expect(checkBlocks([{ type: "actions", elements: [{ type: "button", action_id: "a", text: { type: "plain_text", text: "A" } }, { type: "button", action_id: "a", text: { type: "plain_text", text: "B" } }] }], "message")[0]).toContain("unique");
    expect(checkBlocks(Array.from({ length: 51 }, () => ({ type: "divider" })), "message")[0]).toContain("at most 50");
    expect(checkBlocks(Array.from({ length: 51 }, () => ({ type: "divider" })), "modal")).toEqual([]);
    expect(checkView({ type: "modal", title: { type: "plain_text", text: "x".repeat(25) }, blocks: [] })[0]).toContain("/view/title/text");
    expect(checkView({ type: "modal", title: { type: "plain_text", text: "x" }, blocks: [{ type: "input", label: { type: "plain_text", text: "x" }, element: { type: "plain_text_input" } }] })[0]).toContain("/view/submit");
  });
});
