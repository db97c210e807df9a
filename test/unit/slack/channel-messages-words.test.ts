import { describe, expect, it } from "vitest";
import type { AUDIT_DETAIL } from "../../../src/domain/audit-actions";
import { batchProgress } from "../../../src/domain/bulk/batch-progress";
import type { Decision } from "../../../src/domain/decision";
import { requestStateSchema } from "../../../src/domain/request-state";
import type { Services } from "../../../src/app/services";
import { buildApprovalMessage, type ApprovalMessageInput } from "../../../src/slack/messages/approval-message";
import { buildBatchApprovalMessage, type BatchApprovalInput } from "../../../src/slack/messages/batch-approval-message";
import { batchSummaryText, buildBatchMessage, sharedLine, skippedLine, type BatchMessageInput } from "../../../src/slack/messages/batch-message";
import { batchEventReply } from "../../../src/slack/messages/batch-replies";
import { effectText, type EffectLine } from "../../../src/slack/messages/execution-section";
import { buildIntakeList } from "../../../src/slack/messages/intake-list-message";
import { buildRequestMessage, type RequestMessageInput } from "../../../src/slack/messages/request-message";
import { threadReplyFor } from "../../../src/slack/messages/thread-reply";
import { buildTimeline } from "../../../src/slack/messages/timeline";
import { slackTimerNotices } from "../../../src/slack/timer-notices";
import type { RequestRow } from "../../../src/use-cases/ports/store";
import { pseudoWords as words, readableStrings, wordsOutsideTheCatalog } from "../../support/pseudo-words";

const at = new Date("2026-11-23T10:00:00Z");
const decision: Decision = { outcome: "allow", route: "approval_policy", ruleIds: ["C1", "C8"], refundAmount: 1200, feeBearer: "seller", restore: { points: 300, coupons: ["SAVE10"] }, buyerNoticeRequired: false, explanation: "Refundable in full." };
const request: RequestMessageInput = {
  id: 42, platform: "cyberbiz", orderId: "CB1001", kind: "refund", initiator: "customer", reason: "defective_item", amount: 1200, currency: "TWD",
  note: "Box crushed", customerMessage: "It arrived broken", requestedBy: "U0AGENT", state: "awaiting_approval", decision, engineVersion: "1.0.0",
};

/**
 * What a builder is given and may show as it is: the request's and the order's own text, the
 * stored explanation and route (rendered by the decision's own words elsewhere), amounts as
 * words.money writes them, the words Intl joins lists with, and Slack's emoji.
 */
const DATA = [":memo:", "NT$", "cs-form", "RD-42", "RD-43", "Box crushed", "It arrived broken", "Refundable in full.", "approval policy", "NT$1,200", "NT$890", "¥214,600", "¥5,800", "zh-TW", "ja", "No photo", "busy", "Exceeded the refundable amount.", "and", "or", "batch total above 100000 JPY", "slack"];

const leftovers = (value: unknown) => wordsOutsideTheCatalog(readableStrings(value), DATA);
const says = (text: string | null) => wordsOutsideTheCatalog(text === null ? [] : [text], DATA);

const EFFECTS: EffectLine[] = [
  { kind: "q5_notice", provider: "qoo10", via: "call", status: "done", locale: "ja" },
  { kind: "q5_notice", provider: "qoo10", via: "call", status: "pending" },
  { kind: "cancel", provider: "cyberbiz", via: "call", status: "done" },
  { kind: "accept_return", provider: "qoo10", via: "call", status: "started" },
  { kind: "refund", provider: "line_pay", via: "call", status: "failed", amount: 1200, errorCode: "1164" },
  { kind: "refund", provider: "qoo10", via: "included", status: "done", amount: 5800 },
  { kind: "refund", provider: "manual", via: "manual", status: "done", amount: 890, by: "U0BOSS" },
  { kind: "refund", provider: "line_pay", via: "call", status: "manual", amount: 890 },
  { kind: "restore", provider: "cyberbiz", via: "included", status: "done", points: 100, coupons: 1 },
  { kind: "restore", provider: "local", via: "call", status: "pending" },
  { kind: "flag_customer", provider: "cyberbiz", via: "included", status: "done" },
  { kind: "customer_notice", provider: "local", via: "call", status: "done", locale: "zh-TW", outbox: true },
  { kind: "customer_notice", provider: "qoo10", via: "included", status: "done", locale: "ja" },
  { kind: "customer_notice", provider: "local", via: "call", status: "pending" },
];

describe("every message posted in a channel speaks only the catalog's words", () => {
  it("the request message, in every state, with its effects, a failure and a manual task", () => {
    for (const state of requestStateSchema.options) expect(leftovers(buildRequestMessage(words, { ...request, state }))).toEqual([]);
    expect(leftovers(buildRequestMessage(words, { ...request, decision: null, amount: null, state: "submitted" }))).toEqual([]);
    for (const outcome of ["manual", "wait"] as const) expect(leftovers(buildRequestMessage(words, { ...request, decision: { ...decision, outcome } }))).toEqual([]);
    expect(leftovers(buildRequestMessage(words, { ...request, decision: { ...decision, outcome: "reject", route: undefined } }))).toEqual([]);
    const failure = (effect: string, platform: "qoo10" | "cyberbiz") =>
      buildRequestMessage(words, { ...request, platform, state: "failed", execution: { effects: EFFECTS, failure: { effect, provider: "line_pay", code: "1164", message: "Exceeded the refundable amount." } } });
    for (const effect of ["refund", "cancel"]) for (const platform of ["qoo10", "cyberbiz"] as const) expect(leftovers(failure(effect, platform))).toEqual([]);
    for (const why of ["C7: past LINE Pay's 60-day online refund window", "C7: LINE Pay answered 1163 (the refundable period is over)"]) {
      for (const feeBearer of ["seller", "customer"]) {
        const manual = buildRequestMessage(words, { ...request, state: "manual_pending", execution: { effects: [], manualTask: { amount: 890, currency: "TWD", feeBearer, why } } });
        expect(leftovers(manual)).toEqual([]);
      }
    }
  });

  it("each effect, in each state", () => {
    for (const line of EFFECTS) expect(says(effectText(words, line, "TWD"))).toEqual([]);
  });

  it("the approval message: waiting, approved in part, approved, rejected, expired", () => {
    const input: ApprovalMessageInput = { ...request, approvalsRequired: 2, answers: [] };
    const approve = { approverId: "U0BOSS", verdict: "approve", reason: null, at };
    expect(leftovers(buildApprovalMessage(words, input))).toEqual([]);
    expect(leftovers(buildApprovalMessage(words, { ...input, answers: [approve] }))).toEqual([]);
    expect(leftovers(buildApprovalMessage(words, { ...input, state: "completed", answers: [approve, { ...approve, approverId: "U0BOSS2" }] }))).toEqual([]);
    expect(leftovers(buildApprovalMessage(words, { ...input, state: "denied", answers: [{ approverId: "U0BOSS", verdict: "reject", reason: "No photo", at }] }))).toEqual([]);
    expect(leftovers(buildApprovalMessage(words, { ...input, state: "expired" }))).toEqual([]);
  });

  it("every thread reply and every timeline line", () => {
    const details: Record<keyof typeof AUDIT_DETAIL, unknown> = {
      filed: { origin: "slack" },
      decided: { outcome: "allow", route: "approval_policy", ruleIds: ["C1"], engineVersion: "1.0.0" },
      order_not_found: { orderId: "CB1001" },
      evaluation_failed: { message: "busy" },
      approval_given: { approver: "U0BOSS", remaining: 1 },
      approved: { approvers: ["U0A", "U0B"] },
      denied: { approver: "U0A", reason: "No photo" },
      approval_refused: { user: "U0AGENT", why: "own_request" },
      reminder_sent: { to: ["U0A"] },
      escalated: { to: "C0ESCALATE" },
      expired: { afterMs: 3 * 3_600_000 },
      execution_started: { attempt: 2 },
      effect_done: { effect: "refund", provider: "line_pay", reference: "T2026112300001", alreadyDone: true },
      effect_failed: { effect: "refund", provider: "line_pay", code: "E9000", message: "busy", permanent: true },
      completed: {},
      execution_failed: { effect: "refund", provider: "line_pay", code: "E1164", message: "busy" },
      manual_task_created: { amount: 890, currency: "TWD", feeBearer: "seller", why: "C7: past LINE Pay's 60-day online refund window" },
      manual_refund_marked: { by: "U0BOSS" },
      retry_requested: { by: "U0BOSS" },
    };
    const events = Object.entries(details).map(([action, detail]) => ({ at, action, actor: "U0BOSS", actorType: "user", fromState: "awaiting_approval", toState: "approved", detail }));
    for (const event of events) expect(says(threadReplyFor(words, event))).toEqual([]);
    expect(says(threadReplyFor(words, { ...events[9]!, detail: { to: [] } }))).toEqual([]);
    const timeline = buildTimeline(words, request, [...events, { ...events[0]!, actorType: "system", fromState: null }, { ...events[11]!, detail: { attempt: 1 }, actorType: "intake", actor: "cs-form" }]);
    expect(leftovers(timeline)).toEqual([]);
  });

  const batch: BatchMessageInput = {
    id: "B12", state: "running", shared: { kind: "cancel", initiator: "store", reason: "out_of_stock", notifyCustomer: true, flagCustomer: true, returnReceived: true, note: "Supplier gone" },
    createdBy: "U0AGENT", source: "csv", itemCount: 500, skipped: [{ ref: "NOPE", why: "unknown" }, { ref: "SAME", why: "ambiguous", platforms: ["cyberbiz", "qoo10"] }],
    progress: batchProgress({ completed: 380, approved: 1, awaiting_approval: 20, manual_pending: 1, waiting: 1, failed: 1, rejected: 12, denied: 1, expired: 1, submitted: 82 }, 500, "cancel"),
    confirmedAt: at, finishedAt: null,
  };
  const batchData = [...DATA, "Supplier gone", "NOPE", "SAME"];

  it("the batch message, its summary, its approval message and its thread replies", () => {
    const strays = (value: unknown) => wordsOutsideTheCatalog(readableStrings(value), batchData);
    for (const state of ["filing", "running", "finished"] as const) expect(strays(buildBatchMessage(words, { ...batch, state, finishedAt: at }))).toEqual([]);
    expect(strays(buildBatchMessage(words, { ...batch, shared: { ...batch.shared, reason: undefined, initiator: "customer", notifyCustomer: false }, progress: batchProgress({}, 500, "refund") }))).toEqual([]);
    const members = [{ state: "rejected", decision: { outcome: "reject" as const, ruleIds: ["Q8"] } }, { state: "rejected", decision: null }];
    expect(wordsOutsideTheCatalog([batchSummaryText(words, { ...batch, finishedAt: at }, members), batchSummaryText(words, { ...batch, confirmedAt: null }, [])], batchData)).toEqual([]);
    expect(wordsOutsideTheCatalog([sharedLine(words, batch.shared), skippedLine(words, Array.from({ length: 12 }, (_, i) => ({ ref: `NOPE${i}`, why: "unknown" as const })))!], batchData)).toEqual([]);
    const approval: BatchApprovalInput = {
      batch, pending: { count: 37, totals: [{ currency: "JPY", count: 37, amount: 214_600 }], maxRequired: 2 }, floorReasons: ["batch total above 100000 JPY"],
      answers: [{ approverId: "U0BOSS1", verdict: "approve", n: 3 }, { approverId: "U0BOSS2", verdict: "reject", n: 1 }],
      first: [{ id: 43, platform: "qoo10", orderId: "QX1", refundAmount: 5800, currency: "JPY", ruleIds: ["Q3"], approvalsRequired: 2 }], expired: 0,
    };
    expect(strays(buildBatchApprovalMessage(words, approval))).toEqual([]);
    expect(strays(buildBatchApprovalMessage(words, { ...approval, pending: { ...approval.pending, maxRequired: 1 }, answers: [] }))).toEqual([]);
    expect(strays(buildBatchApprovalMessage(words, { ...approval, pending: { count: 0, totals: [], maxRequired: 0 }, first: [], expired: 2 }))).toEqual([]);
    expect(strays(buildBatchApprovalMessage(words, { ...approval, pending: { count: 0, totals: [], maxRequired: 0 }, first: [], answers: [] }))).toEqual([]);
    const replies = [
      { action: "approved_all", detail: { settled: 30, needMore: 7 } },
      { action: "approved_all", detail: {} },
      { action: "rejected_all", detail: { settled: 2, reason: "No photo" } },
      { action: "reminder_sent", detail: { pending: 3, to: ["U0A"] } },
      { action: "reminder_sent", detail: { pending: 3, to: [] } },
      { action: "escalated", detail: { to: "U0BOSS" } },
      { action: "expired", detail: { count: 1 } },
    ];
    for (const reply of replies) expect(says(batchEventReply(words, { actor: "U0BOSS", ...reply }))).toEqual([]);
  });

  it("the intake list", () => {
    const rows = [
      { id: 42, idempotencyKey: "intake:qoo10:X1", platform: "qoo10", orderId: "QX100", state: "awaiting_approval", createdAt: at },
      { id: 43, idempotencyKey: null, platform: "amazon", orderId: "AZ1", state: "limbo", createdAt: new Date(at.getTime() - 3 * 86_400_000) },
    ];
    expect(wordsOutsideTheCatalog([buildIntakeList(words, rows, at, false), buildIntakeList(words, [], at, true)], [...DATA, "qoo10/X1", "amazon", "limbo"])).toEqual([]);
  });

  it("the approval timers' notices, in the language of the channel each is posted in, and direct messages in their reader's", async () => {
    const posted: { channel: string; text: string; blocks?: unknown }[] = [];
    const services = {
      projections: { findPost: async () => null, rememberPost: async () => undefined },
      slackChat: { postMessage: async (message: { channel: string; text: string }) => (posted.push(message), { ok: true, channel: message.channel, ts: "1.1" }) },
      config: { locale: "ja", channelLocales: { C0ESCALATE: "zh-TW" } },
      // The requester and the batch's filer read Japanese in Slack.
      userLocales: { localeOf: async () => "ja" },
    } as unknown as Services;
    const notices = slackTimerNotices(services, (fn) => fn());
    const row = { id: 42, platform: "cyberbiz", orderId: "CB1001", kind: "refund", initiator: "customer", reason: "defective_item", amount: 1200, currency: "TWD", note: null, customerMessage: null, requestedBy: "U0AGENT", state: "awaiting_approval", decision, engineVersion: "1.0.0", approvalTs: "1.0", approvalChannel: "C0APPROVE", approvalsRequired: 1 } as unknown as RequestRow;
    const batchRow = { id: "B12", approvalTs: "1.0", approvalChannel: "C0APPROVE", createdBy: "U0AGENT" } as never;
    await notices.remindApprovers(row, ["U0BOSS"]);
    await notices.remindApprovers(row, []);
    for (const stage of ["remind", "escalate", "expire"] as const) await notices.tellRequester(row, stage);
    await notices.remindBatchApprovers(batchRow, ["U0BOSS"], 3);
    await notices.remindBatchApprovers(batchRow, [], 3);
    for (const stage of ["remind", "escalate", "expire"] as const) await notices.tellBatchFiler(batchRow, stage, 3);
    await notices.escalate(row, [], "C0ESCALATE");
    await notices.escalateBatch(batchRow, "C0ESCALATE", 3);
    await notices.escalateBatch({ ...(batchRow as object), approvalTs: null } as never, "C0ESCALATE", 3);
    expect(posted).toHaveLength(13);
    const english = /\b(waiting|approval|approvers?|escalated|expired|orders?|batch|reminded)\b/i;
    // The decision's explanation and route are the decision's own words, rendered apart from these messages.
    const shown = (message: unknown) => readableStrings(message).join("\n").replaceAll("Refundable in full.", "").replaceAll("approval policy", "");
    for (const message of posted) expect(shown(message), message.text).not.toMatch(english);
    expect(posted.slice(0, 10).filter((message) => !/[\u3040-\u30ff]/.test(message.text))).toEqual([]); // kana: Japanese
    expect(posted.slice(10).map((message) => message.text)).toEqual([expect.stringContaining("已呈報"), expect.stringContaining("已呈報"), expect.stringContaining("已呈報")]);
  });
});
