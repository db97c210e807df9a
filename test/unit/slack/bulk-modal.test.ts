import { describe, expect, it } from "vitest";
import { batchProgress } from "../../../src/domain/bulk/batch-progress";
import { IDS } from "../../../src/slack/ids";
import { wordsFor } from "../../../src/presentation/index";
import { buildBatchApprovalMessage } from "../../../src/slack/messages/batch-approval-message";
import { batchSummaryText, buildBatchMessage, type BatchMessageInput } from "../../../src/slack/messages/batch-message";
import { batchEventReply } from "../../../src/slack/messages/batch-replies";

const en = wordsFor("en");
import { isSlackFileUrl } from "../../../src/slack/read-slack-file";
import { buildBulkCsvModal, buildBulkModal, buildBulkReview, bulkModalMetadataSchema } from "../../../src/slack/views/bulk-modal";
import { csvSourceOf, parseBulkShared, type BulkSubmittedState } from "../../../src/slack/views/parse-bulk-submission";

const resolution = {
  items: [
    { platform: "qoo10" as const, orderId: "QX1", currency: "JPY" },
    { platform: "qoo10" as const, orderId: "QX2", currency: "JPY" },
    { platform: "cyberbiz" as const, orderId: "CB1", currency: "TWD" },
  ],
  skipped: [{ ref: "NOPE", why: "unknown" as const }, { ref: "SAME", why: "ambiguous" as const, platforms: ["cyberbiz" as const, "qoo10" as const] }],
  duplicates: [{ ref: "QX1" }],
  overTotal: [],
};

function state(values: { kind?: string; initiator?: string; reason?: string; options?: string[]; note?: string; csv?: string; fileId?: string }): BulkSubmittedState {
  return {
    values: {
      [IDS.blocks.bulkKind]: { [IDS.actions.bulkKind]: { selected_option: values.kind ? { value: values.kind } : null } },
      [IDS.blocks.bulkInitiator]: { [IDS.actions.bulkInitiator]: { selected_option: values.initiator ? { value: values.initiator } : null } },
      [IDS.blocks.bulkReason]: { [IDS.actions.bulkReason]: { selected_option: values.reason ? { value: values.reason } : null } },
      [IDS.blocks.bulkOptions]: { [IDS.actions.bulkOptions]: { selected_options: (values.options ?? []).map((value) => ({ value })) } },
      [IDS.blocks.bulkNote]: { [IDS.actions.bulkNote]: { value: values.note ?? null } },
      [IDS.blocks.bulkCsv]: { [IDS.actions.bulkCsv]: { value: values.csv ?? null } },
      [IDS.blocks.bulkFile]: { [IDS.actions.bulkFile]: { files: values.fileId ? [{ id: values.fileId }] : [] } },
    },
  };
}

describe("the bulk modals", () => {
  it("the ids modal shows how many orders were recognised and which ids were not, before File", () => {
    const view = buildBulkModal(wordsFor("en"), { batchId: "B7", resolution, defaults: { kind: "cancel" } });
    expect(bulkModalMetadataSchema.parse(JSON.parse(view.private_metadata!))).toEqual({ batchId: "B7" });
    expect(view.submit?.text).toBe("File 3 requests");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("3 orders recognised* (Qoo10 2 · Cyberbiz 1)");
    expect(text).toContain("1 id not in the order store: `NOPE`");
    expect(text).toContain("1 id on several platforms");
    expect(text).toContain("1 id given more than once, filed once");
    expect(text).not.toContain("dispatch_action"); // the single-order modal's listeners must not see these
    const kind = view.blocks.find((b) => b.block_id === IDS.blocks.bulkKind);
    expect(JSON.stringify(kind)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Cancel","emoji":true},"value":"cancel"}');
    expect(view.blocks.find((b) => b.block_id === IDS.blocks.bulkReason)).not.toHaveProperty("optional", true);
  });

  it("the CSV modal takes pasted text or a file, with an optional shared reason; the review repeats the shared fields", () => {
    const view = buildBulkCsvModal(wordsFor("en"), { command: "refund", channelId: "C1" });
    expect(view.callback_id).toBe(IDS.views.bulkCsvModal);
    expect(JSON.stringify(view.blocks)).toContain('"type":"file_input"');
    expect(view.blocks.find((b) => b.block_id === IDS.blocks.bulkReason)).toHaveProperty("optional", true);
    const review = buildBulkReview(wordsFor("en"), { batchId: "B8", resolution, shared: { kind: "refund", initiator: "store", notifyCustomer: true, flagCustomer: false, returnReceived: false, note: "Recall" } });
    expect(review.callback_id).toBe(IDS.views.bulkReview);
    expect(JSON.stringify(review.blocks)).toContain("*Refund* · each line's own reason · the store asks · customer notified");
  });

  it("reads the shared fields; a missing reason is a problem only where lines cannot bring their own", () => {
    expect(parseBulkShared(wordsFor("en"), state({ kind: "cancel", initiator: "store", reason: "out_of_stock", options: ["notify_customer"], note: " hi " }), { reasonRequired: true })).toEqual({
      ok: true,
      value: { kind: "cancel", initiator: "store", reason: "out_of_stock", notifyCustomer: true, flagCustomer: false, returnReceived: false, note: "hi" },
    });
    expect(parseBulkShared(wordsFor("en"), state({ kind: "cancel", initiator: "store" }), { reasonRequired: true })).toEqual({ ok: false, errors: { [IDS.blocks.bulkReason]: "Pick the reason every order shares." } });
    expect(parseBulkShared(wordsFor("en"), state({ kind: "cancel", initiator: "store" }), { reasonRequired: false })).toMatchObject({ ok: true, value: { kind: "cancel" } });
    expect(parseBulkShared(wordsFor("en"), state({ kind: "swap", reason: "because" }), { reasonRequired: false })).toEqual({
      ok: false,
      errors: { [IDS.blocks.bulkKind]: expect.any(String), [IDS.blocks.bulkInitiator]: expect.any(String), [IDS.blocks.bulkReason]: "Pick one of the reasons offered." },
    });
  });

  it("takes the CSV from the text or the file, not both", () => {
    expect(csvSourceOf(state({ csv: " QX1 " }))).toEqual({ kind: "text", text: "QX1" });
    expect(csvSourceOf(state({ fileId: "F1" }))).toEqual({ kind: "file", fileId: "F1" });
    expect(csvSourceOf(state({ csv: "QX1", fileId: "F1" }))).toEqual({ kind: "both" });
    expect(csvSourceOf(state({}))).toEqual({ kind: "none" });
  });

  it("sends the bot token only to Slack's file hosts or the Web API's own origin", () => {
    expect(isSlackFileUrl("https://files.slack.com/files-pri/T1-F1/x.csv")).toBe(true);
    expect(isSlackFileUrl("http://127.0.0.1:4000/files/F1", "http://127.0.0.1:4000/api/")).toBe(true);
    expect(isSlackFileUrl("http://127.0.0.1:4001/files/F1", "http://127.0.0.1:4000/api/")).toBe(false);
    expect(isSlackFileUrl("https://evil.example/files.slack.com")).toBe(false);
    expect(isSlackFileUrl("http://files.slack.com/x")).toBe(false);
    expect(isSlackFileUrl("not a url")).toBe(false);
  });
});

const batch: BatchMessageInput = {
  id: "B12",
  state: "running",
  shared: { kind: "cancel", initiator: "store", reason: "out_of_stock", notifyCustomer: true, flagCustomer: false, returnReceived: false },
  createdBy: "U0AGENT",
  source: "command",
  itemCount: 500,
  skipped: [{ ref: "NOPE", why: "unknown" }],
  progress: batchProgress({ completed: 380, awaiting_approval: 20, rejected: 12, submitted: 88 }, 500, "cancel"),
  confirmedAt: new Date("2026-11-23T10:00:00Z"),
  finishedAt: null,
};

describe("the batch messages", () => {
  it("one message per batch with its progress, updated in place", () => {
    const message = buildBatchMessage(en, batch);
    expect(message.text).toBe("Batch B12 · Cancel · 500 orders: 412/500 done: 380 cancelled, 20 waiting for approval, and 12 refused");
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("Out of stock · the store asks · customer notified");
    expect(text).toContain("1 id not in the order store: `NOPE`");
    expect(text).not.toContain("thread");
    const done = buildBatchMessage(en, { ...batch, state: "finished", finishedAt: new Date("2026-11-23T10:00:09Z") });
    expect(JSON.stringify(done.blocks)).toContain("the summary and the per-order results are in the thread");
  });

  it("the summary says how long, what came of it and which rules refused", () => {
    const finished = { ...batch, state: "finished" as const, finishedAt: new Date("2026-11-23T10:00:09Z"), progress: batchProgress({ completed: 480, rejected: 20 }, 500, "cancel") };
    const members = [...Array(15).fill({ state: "rejected", decision: { outcome: "reject", ruleIds: ["Q8"] } }), ...Array(5).fill({ state: "rejected", decision: { outcome: "reject", ruleIds: ["G1"] } })];
    expect(batchSummaryText(en, finished, members)).toBe(
      [
        ":checkered_flag: *Batch B12 finished* in 9 s: 500/500 done: 480 cancelled and 20 refused.",
        "Refused by rule: Q8 ×15, G1 ×5.",
        "1 id was not filed (listed in the CSV).",
        "Per-order results (request, order, decision, rules, state, amount): the CSV below.",
      ].join("\n"),
    );
  });

  it("the batch approval message: Approve all N, Reject all, the first members with their own buttons, within Slack's 50 blocks", () => {
    const first = Array.from({ length: 10 }, (_, i) => ({ id: 100 + i, platform: "qoo10" as const, orderId: `QX${i}`, refundAmount: 5800, currency: "JPY", ruleIds: ["Q3", "Q5"], approvalsRequired: 2 }));
    const message = buildBatchApprovalMessage(en, {
      batch,
      pending: { count: 37, totals: [{ currency: "JPY", count: 37, amount: 214_600 }], maxRequired: 2 },
      floorReasons: ["batch total 214600 JPY is above 100000: two approvers"],
      answers: [{ approverId: "U0BOSS1", verdict: "approve", n: 37 }],
      first,
      expired: 0,
    });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("Approve all 37 pending");
    expect(text).toContain('"action_id":"approve_batch"');
    expect(text).toContain('"action_id":"reject_batch"');
    expect(text.match(/"action_id":"approve_request"/g)).toHaveLength(10);
    expect(text).toContain("¥214,600");
    expect(text).toContain("Two distinct approvers");
    expect(text).toContain("So far: <@U0BOSS1> approved 37 orders.");
    expect(text).toContain("…and 27 more orders");
    const settled = buildBatchApprovalMessage(en, { batch, pending: { count: 0, totals: [], maxRequired: 0 }, floorReasons: [], answers: [{ approverId: "U0BOSS1", verdict: "approve", n: 37 }], first: [], expired: 3 });
    expect(JSON.stringify(settled.blocks)).not.toContain("approve_batch");
    expect(JSON.stringify(settled.blocks)).toContain("Nothing waits for approval any more: <@U0BOSS1> approved 37 orders; 3 orders expired.");
  });

  it("batch-wide steps become thread replies; bookkeeping does not", () => {
    expect(batchEventReply(en, { action: "approved_all", actor: "U0BOSS1", detail: { settled: 30, needMore: 7 } })).toBe(":white_check_mark: <@U0BOSS1> approved every pending order: 30 orders approved and 7 orders need one more approver.");
    expect(batchEventReply(en, { action: "rejected_all", actor: "U0BOSS1", detail: { settled: 2, reason: "<no>" } })).toBe(":no_entry: <@U0BOSS1> rejected 2 pending orders: &lt;no&gt;");
    expect(batchEventReply(en, { action: "expired", actor: "refund-desk", detail: { count: 1 } })).toBe(":hourglass: 1 order expired: nobody decided in time.");
    expect(batchEventReply(en, { action: "finished", actor: "refund-desk", detail: {} })).toBeNull();
  });
});
