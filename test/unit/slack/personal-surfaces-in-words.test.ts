import { describe, expect, it } from "vitest";
import type { Order } from "../../../src/domain/order";
import type { RequestKind } from "../../../src/domain/request";
import { LOCALES, wordsFor } from "../../../src/presentation/index";
import { IDS } from "../../../src/slack/ids";
import { helpText } from "../../../src/slack/listeners/commands/request-command";
import { buildIntakeList } from "../../../src/slack/messages/intake-list-message";
import type { RequestMessageInput } from "../../../src/slack/messages/request-message";
import { verdictReply } from "../../../src/slack/verdict-replies";
import { batchVerdictReply } from "../../../src/slack/batch-verdict-reply";
import { commandProblemText } from "../../../src/slack/listeners/commands/command-problem";
import type { CommandProblem } from "../../../src/slack/parse-command-text";
import type { BatchVerdictResult } from "../../../src/use-cases/give-batch-verdict";
import type { CsvProblem } from "../../../src/slack/parse-bulk-csv";
import { describeProblems } from "../../../src/slack/views/csv-problems";
import { buildAppHome } from "../../../src/slack/views/app-home";
import { buildBulkCsvModal, buildBulkModal, buildBulkReview, buildRejectBatchModal } from "../../../src/slack/views/bulk-modal";
import { parseBulkShared } from "../../../src/slack/views/parse-bulk-submission";
import { parseRequestSubmission } from "../../../src/slack/views/parse-request-submission";
import { buildRejectModal } from "../../../src/slack/views/reject-modal";
import { buildRequestModal } from "../../../src/slack/views/request-modal";
import { cyberbizOrder, qoo10Order } from "../../support/orders";
import { pseudoWords, readableStrings, wordsOutsideTheCatalog } from "../../support/pseudo-words";

/** What the builders are given that is shown as it is: order ids, amounts, request numbers, and the statuses and payment methods the catalogs do not name yet. */
const orderData = (order: Order) => [order.orderId, order.status, order.paymentMethod.replace("_", " "), "NT$", "RD-12"];

const modals: [string, Order, "refund" | "cancel", RequestKind][] = [
  ["a Cyberbiz refund", cyberbizOrder({ orderId: "CB1", total: 1200, refunded: 200, pending: 100 }), "refund", "refund"],
  ["a shipped Cyberbiz order asked to cancel", cyberbizOrder({ orderId: "CB2", status: "shipped" }), "cancel", "refund"],
  ["a Cyberbiz cancel", cyberbizOrder({ orderId: "CB3", status: "unshipped" }), "cancel", "cancel"],
  ["a Qoo10 return", qoo10Order({ orderId: "QX1", status: "in_transit" }), "cancel", "return"],
  ["a Qoo10 order asked to refund", qoo10Order({ orderId: "QX2", status: "new" }), "refund", "cancel"],
];

const request: RequestMessageInput = {
  id: 12,
  platform: "cyberbiz",
  orderId: "CB9",
  kind: "refund",
  reason: "defective_item",
  amount: 500,
  currency: "TWD",
  requestedBy: "U0AGENT",
  state: "awaiting_approval",
  decision: null,
} as unknown as RequestMessageInput;

const resolution = {
  items: [
    { platform: "qoo10" as const, orderId: "QX1", currency: "JPY" },
    { platform: "cyberbiz" as const, orderId: "CB1", currency: "TWD" },
  ],
  skipped: [],
  duplicates: [{ ref: "QX1" }],
  overTotal: [],
};

describe("every word of a person's own surfaces comes from the catalog", () => {
  it.each(modals)("the request modal for %s, for both sides", (_name, order, command, kind) => {
    for (const initiator of ["store", "customer"] as const) {
      const view = buildRequestModal(pseudoWords, { order, command, channelId: "C0SUPPORT", initiator, kind });
      expect(wordsOutsideTheCatalog(readableStrings(view), orderData(order))).toEqual([]);
    }
  });

  it("the request modal's errors", () => {
    const order = cyberbizOrder({ orderId: "CB4", total: 1000, refunded: 400, pending: 100 });
    const metadata = { platform: order.platform, orderId: order.orderId, channelId: "C1", command: "refund" as const, initiator: "store" as const, kind: "refund" as const };
    const values = { [IDS.blocks.amount]: { [IDS.actions.amount]: { value: "99999" } }, [IDS.blocks.note]: { [IDS.actions.note]: { value: "x".repeat(2001) } } };
    const result = parseRequestSubmission(pseudoWords, { values }, metadata, order);
    expect(result.ok).toBe(false);
    const errors = Object.values(result.ok ? {} : result.errors);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(wordsOutsideTheCatalog(errors, orderData(order))).toEqual([]);
  });

  it("the bulk modals, the review and Reject all", () => {
    const shared = { kind: "cancel" as const, initiator: "store" as const, reason: "out_of_stock" as const, notifyCustomer: true, flagCustomer: false, returnReceived: false, note: "Typhoon" };
    const views = [
      buildBulkModal(pseudoWords, { batchId: "B7", resolution, defaults: { kind: "cancel" } }),
      buildBulkCsvModal(pseudoWords, { command: "refund", channelId: "C1" }),
      buildRejectBatchModal(pseudoWords, "B7", 3),
    ];
    for (const view of views) expect(wordsOutsideTheCatalog(readableStrings(view))).toEqual([]);
    // The review's shared line is the batch message's (the channel's words), shown as given.
    const review = buildBulkReview(pseudoWords, { batchId: "B7", resolution, shared });
    expect(wordsOutsideTheCatalog(readableStrings(review.title), [])).toEqual([]);
    expect(wordsOutsideTheCatalog(readableStrings(review.submit), [])).toEqual([]);
  });

  it("the bulk modal's errors", () => {
    const result = parseBulkShared(pseudoWords, { values: {} }, { reasonRequired: true });
    expect(wordsOutsideTheCatalog(Object.values(result.ok ? {} : result.errors))).toEqual([]);
  });

  it("the reject modal", () => {
    expect(wordsOutsideTheCatalog(readableStrings(buildRejectModal(pseudoWords, 12)), ["RD-12"])).toEqual([]);
  });

  it("App Home, for an approver and for an agent", () => {
    for (const approver of [true, false]) {
      const home = buildAppHome(pseudoWords, { approver, open: [request], recent: [], waiting: approver ? [request] : [], waitingTotal: approver ? 3 : 0 });
      // The approval buttons are the approval message's (the channel's words); the state is shown as the engine names it.
      const strings = readableStrings(home.blocks.filter((b) => b.type !== "actions"));
      expect(wordsOutsideTheCatalog(strings, ["waiting for approval", "RD-12", "NT$"])).toEqual([]);
    }
  });

  it("/refund help and the verdict replies", () => {
    const replies = [
      helpText(pseudoWords),
      ...(["unknown_request", "approved", "denied"] as const).map((kind) => verdictReply(pseudoWords, { kind, requestId: 12 } as never).message),
      verdictReply(pseudoWords, { kind: "recorded", requestId: 12, remaining: 2 } as never).message,
      verdictReply(pseudoWords, { kind: "refused", requestId: 12, why: "own_request" } as never).message,
      verdictReply(pseudoWords, { kind: "duplicate", requestId: 12, answer: { verdict: "approve", at: new Date(0) } } as never).message,
    ];
    expect(wordsOutsideTheCatalog(replies, ["RD-12"])).toEqual([]);
  });

  it("Approve all and Reject all, as the clicker is told", () => {
    const batchId = "B7K2";
    const results: BatchVerdictResult[] = [
      { done: false, kind: "unknown_batch", batchId },
      { done: false, kind: "refused", batchId, why: "own_batch" },
      { done: false, kind: "refused", batchId, why: "not_an_approver" },
      { done: false, kind: "still_deciding", batchId },
      { done: false, kind: "none_pending", batchId, answers: [] },
      { done: false, kind: "none_pending", batchId, answers: [{ approverId: "U0BOSS1", verdict: "approve", n: 3 }] },
      { done: false, kind: "duplicate", batchId, count: 2 },
      { done: true, kind: "rejected", batchId, rejected: 5 },
      { done: true, kind: "approved", batchId, approved: 3, needMore: 0 },
      { done: true, kind: "approved", batchId, approved: 0, needMore: 1 },
      { done: true, kind: "approved", batchId, approved: 2, needMore: 1 },
    ];
    expect(wordsOutsideTheCatalog(results.map((r) => batchVerdictReply(pseudoWords, r)), [batchId])).toEqual([]);
  });

  it("what is wrong with a command's text", () => {
    const problems: CommandProblem[] = [
      { problem: "policy_argument" },
      { problem: "status_argument" },
      { problem: "report_arguments" },
      { problem: "intake_argument" },
      { problem: "too_many_orders", max: 500, count: 501 },
      { problem: "bad_order_ids", ids: [...Array.from({ length: 6 }, (_, i) => ({ problem: "not_an_order_id" as const, token: `<x${i}>` })), { problem: "unknown_platform", token: "amazon:9", prefix: "amazon" }] },
    ];
    expect(wordsOutsideTheCatalog(problems.map((p) => commandProblemText(pseudoWords, "cancel", p)), ["cancel"])).toEqual([]);
  });

  it("the bulk CSV's problems", () => {
    const problems: CsvProblem[] = [
      { line: 0, problem: "unreadable", detail: "CSV_QUOTE_NOT_CLOSED" },
      { line: 0, problem: "no_order" },
      { line: 0, problem: "too_many_orders", max: 10_000, count: 10_001 },
      { line: 1, problem: "too_many_columns", count: 4 },
      { line: 2, problem: "missing_id" },
      { line: 3, problem: "not_an_order_id", token: "<x>" },
      { line: 4, problem: "unknown_platform", token: "amazon:QX6", prefix: "amazon" },
      { line: 5, problem: "unknown_reason", reason: "because", reasons: ["out_of_stock", "defective_item"] },
      { line: 6, problem: "bad_amount", amount: "abc" },
      { line: 7, problem: "duplicate", orderId: "QX1", firstLine: 1 },
    ];
    const data = ["CSV_QUOTE_NOT_CLOSED", "amazon:QX6", "amazon", "because", "out_of_stock", "defective_item", "abc"];
    expect(wordsOutsideTheCatalog([describeProblems(pseudoWords, problems, 9)], data)).toEqual([]);
  });

  it("/refund intake", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    const rows = [{ id: 12, idempotencyKey: "intake:qoo10:CS:7", platform: "qoo10", orderId: "QX100", state: "awaiting_approval", createdAt: new Date(now.getTime() - 180_000) }];
    for (const list of [buildIntakeList(pseudoWords, rows, now, false), buildIntakeList(pseudoWords, [], now, false)]) {
      expect(wordsOutsideTheCatalog(list.split("\n"), ["RD-12", "qoo10/CS:7", "waiting for approval", "INTAKE_SECRET"])).toEqual([]);
    }
  });
});

describe("a person's own surfaces in each language", () => {
  it.each(LOCALES)("the request modal reads in %s", (locale) => {
    const view = buildRequestModal(wordsFor(locale), { order: cyberbizOrder({ orderId: "CB5" }), command: "refund", channelId: "C1", initiator: "store", kind: "refund" });
    expect(view.title.text).toBe({ en: "Refund an order", "zh-TW": "訂單退款", "zh-CN": "订单退款", ja: "注文を返金" }[locale]);
    expect(view.submit?.text).toBe({ en: "File request", "zh-TW": "送出申請", "zh-CN": "提交申请", ja: "申請する" }[locale]);
  });
});
