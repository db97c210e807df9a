import { describe, expect, it, vi } from "vitest";
import { evaluate } from "../../../src/domain/policy";
import { CATALOGS, createWords, wordsFor } from "../../../src/presentation/index";
import { buildRequestMessage, type RequestMessageInput } from "../../../src/slack/messages/request-message";
import { cyberbizOrder, request } from "../policy/fixtures";

const en = wordsFor("en");

const base: RequestMessageInput = {
  id: 42,
  platform: "qoo10",
  orderId: "QX1",
  kind: "cancel",
  initiator: "store",
  reason: "out_of_stock",
  amount: null,
  currency: "JPY",
  note: "<b>urgent</b> & fast",
  requestedBy: "U0AGENT",
  state: "submitted",
  decision: null,
  engineVersion: null,
};

describe("the request message", () => {
  it("before a decision: who asked, what, and that it is being evaluated", () => {
    const { text, blocks } = buildRequestMessage(en, base);
    expect(text).toContain("RD-42 · Cancel · Qoo10 order QX1: evaluating…");
    const json = JSON.stringify(blocks);
    expect(json).toContain("<@U0AGENT>");
    expect(json).toContain("everything refundable");
    expect(json).toContain("&lt;b&gt;urgent&lt;/b&gt; &amp; fast"); // the note cannot inject mrkdwn or mentions
  });

  it("after a decision: the outcome, the explanation, the amount and the rule ids", () => {
    const { text, blocks } = buildRequestMessage(en, {
      ...base,
      state: "rejected",
      engineVersion: "1.0.0",
      decision: { outcome: "reject", ruleIds: ["Q3", "G3"], refundAmount: 0, feeBearer: "none", restore: { points: 0, coupons: [] }, buyerNoticeRequired: false, explanation: "Wrong reason." },
    });
    expect(text).toContain("refused by the rules. Refused: Wrong reason. Rules: Q3, G3");
    const json = JSON.stringify(blocks);
    expect(json).toContain(":no_entry: *Refused*: Wrong reason.");
    expect(json).toContain("Rules: Q3 · G3 · engine 1.0.0");
    expect(json).toContain("¥0");
  });

  it("shows an intake source as text, not as a mention, and the customer's own words", () => {
    const json = JSON.stringify(buildRequestMessage(en, { ...base, requestedBy: "intake:qoo10", customerMessage: "Please cancel <!channel>" }).blocks);
    expect(json).toContain("intake:qoo10");
    expect(json).toContain("The customer wrote: “Please cancel &lt;!channel&gt;”");
  });
});

describe("the request message's wording", () => {
  it("words the explanation and the effects once, for the blocks and the notification text alike", () => {
    const words = createWords("en", CATALOGS.en);
    const t = vi.spyOn(words, "t");
    const decision = evaluate(cyberbizOrder(), request({ kind: "refund", amount: 300 }));
    const execution = { effects: [{ kind: "refund" as const, provider: "line_pay", via: "call" as const, status: "done" as const, amount: 300 }] };
    const { text, blocks } = buildRequestMessage(words, { ...base, platform: "cyberbiz", orderId: "CB-1001", currency: "TWD", kind: "refund", state: "executing", decision, engineVersion: "2.0.0", execution });
    const explanation = "Order CB-1001 can be refunded NT$300 (NT$700 stays refundable) through LINE Pay without cancelling it (C7, C8, G2).";
    const effects = "refunded NT$300 at LINE Pay ✓";
    expect(text).toContain(`Allowed: ${explanation} Rules: C7, C8, G2. Effects: ${effects}`);
    expect(JSON.stringify(blocks)).toContain(`*Allowed*: ${explanation}`);
    expect(JSON.stringify(blocks)).toContain(`*Effects*: ${effects}`);
    const worded = (key: string) => t.mock.calls.filter(([called]) => called === key).length;
    expect([worded("explain.sentence"), worded("execution.effect.refund.done")]).toEqual([1, 1]);
  });
});

describe("the request message in the team's language", () => {
  const decided: RequestMessageInput = {
    ...base,
    state: "awaiting_approval",
    kind: "refund",
    engineVersion: "1.0.0",
    decision: { outcome: "allow", route: "approval_policy", ruleIds: ["Q3"], refundAmount: 5800, feeBearer: "none", restore: { points: 0, coupons: [] }, buyerNoticeRequired: false, explanation: "Refundable." },
  };
  const fields = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);

  it("Japanese: the Qoo10 console's words, yen as Japan writes it, rule ids and mentions as they are", () => {
    const message = buildRequestMessage(wordsFor("ja"), decided);
    expect(message.text).toContain("RD-42 · 返金 · Qoo10 注文 QX1：承認待ち。");
    const json = fields(message);
    for (const said of ["*申請者*", "*金額*\\n￥5,800", "*理由*\\n在庫切れ", "*状態*\\n承認待ち", ":white_check_mark: *許可*", "ルール：Q3", "<@U0AGENT>"]) expect(json).toContain(said);
    expect(json).not.toMatch(/Requested by|Amount|waiting for approval|Rules:/);
  });

  it("Traditional Chinese: Cyberbiz's words and NT$", () => {
    const json = fields(buildRequestMessage(wordsFor("zh-TW"), { ...decided, platform: "cyberbiz", currency: "TWD", decision: { ...decided.decision!, refundAmount: 1200 } }));
    for (const said of ["*申請人*", "*金額*\\n$1,200", "*狀態*\\n待核准", ":white_check_mark: *允許*", "規則：Q3"]) expect(json).toContain(said);
    expect(json).not.toMatch(/Requested by|waiting for approval/);
  });
});
