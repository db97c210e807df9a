import { describe, expect, it } from "vitest";
import { effectText, type ExecutionView } from "../../../src/slack/messages/execution-section";
import { buildRequestMessage, type RequestMessageInput } from "../../../src/slack/messages/request-message";
import { wordsFor } from "../../../src/presentation/index";

const en = wordsFor("en");

const decision = { outcome: "allow" as const, route: "approval_policy" as const, ruleIds: ["C1"], refundAmount: 1200, feeBearer: "none" as const, restore: { points: 300, coupons: [] }, buyerNoticeRequired: false, explanation: "Fine." };
const base: RequestMessageInput = {
  id: 7, platform: "cyberbiz", orderId: "9001", kind: "cancel", initiator: "store", reason: "out_of_stock", amount: null, currency: "TWD",
  note: null, requestedBy: "U0AGENT", state: "executing", decision, engineVersion: "1.0.0",
};

const buttons = (blocks: unknown[]) =>
  blocks.flatMap((block) => ((block as { type: string; elements?: { action_id?: string; value?: string }[] }).type === "actions" ? (block as { elements: { action_id?: string; value?: string }[] }).elements : []));

describe("the request message while it is carried out", () => {
  it("lists each effect as it is done: cancelled at Cyberbiz ✓ · refunded NT$1,200 at LINE Pay ✓ · 300 points restored ✓", () => {
    const execution: ExecutionView = {
      effects: [
        { kind: "cancel", provider: "cyberbiz", via: "call", status: "done" },
        { kind: "refund", provider: "line_pay", via: "call", status: "done", amount: 1200 },
        { kind: "restore", provider: "local", via: "call", status: "done", points: 300, coupons: 0 },
      ],
    };
    const { text, blocks } = buildRequestMessage(en, { ...base, state: "completed", execution });
    expect(text).toContain("Effects: cancelled at Cyberbiz ✓ · refunded NT$1,200 at LINE Pay ✓ · 300 points restored ✓");
    expect(JSON.stringify(blocks)).toContain("*Effects*: cancelled at Cyberbiz ✓");
    expect(buttons(blocks)).toEqual([]);
  });

  it("shows what is under way, waiting, included in another effect, failed or kept in the outbox", () => {
    expect(effectText(en, { kind: "refund", provider: "line_pay", via: "call", status: "started", amount: 1200 }, "TWD")).toBe("refund NT$1,200 at LINE Pay …");
    expect(effectText(en, { kind: "refund", provider: "line_pay", via: "call", status: "pending", amount: 1200 }, "TWD")).toBe("refund NT$1,200 at LINE Pay ◦");
    expect(effectText(en, { kind: "refund", provider: "qoo10", via: "included", status: "done", amount: 5800 }, "JPY")).toBe("refunded ¥5,800 by Qoo10 ✓");
    expect(effectText(en, { kind: "restore", provider: "cyberbiz", via: "included", status: "done", points: 100, coupons: 1 }, "TWD")).toBe("100 points and 1 coupon restored by Cyberbiz ✓");
    expect(effectText(en, { kind: "refund", provider: "line_pay", via: "call", status: "failed", amount: 1200, errorCode: "1164" }, "TWD")).toBe("refund NT$1,200 at LINE Pay ✗ (1164)");
    expect(effectText(en, { kind: "refund", provider: "line_pay", via: "call", status: "manual", amount: 890 }, "TWD")).toBe("refund NT$890 by hand, seller pays the fee ✋");
    expect(effectText(en, { kind: "refund", provider: "manual", via: "manual", status: "done", amount: 890, by: "U0BOSS" }, "TWD")).toBe("refunded NT$890 by hand (<@U0BOSS>) ✓");
    expect(effectText(en, { kind: "q5_notice", provider: "qoo10", via: "call", status: "done", locale: "ja" }, "JPY")).toBe("buyer told first (Q5, ja) ✓");
    expect(effectText(en, { kind: "customer_notice", provider: "local", via: "call", status: "done", locale: "zh-TW", outbox: true }, "TWD")).toBe("customer notice kept in the outbox (zh-TW): send it by hand ✓");
  });

  it("failed: the provider's code and message (Q13) and a Retry button", () => {
    const execution: ExecutionView = {
      effects: [{ kind: "refund", provider: "line_pay", via: "call", status: "failed", amount: 1200, errorCode: "1164" }],
      failure: { effect: "refund", provider: "line_pay", code: "1164", message: "Exceeded the refundable amount." },
    };
    const { blocks } = buildRequestMessage(en, { ...base, state: "failed", execution });
    const json = JSON.stringify(blocks);
    expect(json).toContain("*Execution stopped* at the refund (LINE Pay): `1164` Exceeded the refundable amount.");
    expect(json).toContain("stays retryable and will not be refunded twice");
    expect(buttons(blocks)).toEqual([expect.objectContaining({ action_id: "retry_execution", value: "7" })]);
  });

  it("manual_pending: the task with the amount, the customer, the seller's fee (C7), and Mark refunded", () => {
    const execution: ExecutionView = {
      effects: [{ kind: "refund", provider: "manual", via: "manual", status: "manual", amount: 890 }],
      manualTask: { amount: 890, currency: "TWD", feeBearer: "seller", why: "C7: past LINE Pay's 60-day online refund window" },
    };
    const { blocks } = buildRequestMessage(en, { ...base, state: "manual_pending", execution });
    const json = JSON.stringify(blocks);
    expect(json).toContain("*Manual refund task*: refund *NT$890* to the customer of Cyberbiz order 9001");
    expect(json).toContain("The seller pays the transfer fee.");
    expect(json).toContain("Why: C7: past LINE Pay");
    expect(buttons(blocks)).toEqual([expect.objectContaining({ action_id: "mark_refunded", value: "7" })]);
  });

  it("shows no button once the request has moved on", () => {
    const execution: ExecutionView = { effects: [], failure: { effect: "refund", provider: "line_pay", code: "1106", message: "Header information error." } };
    expect(buttons(buildRequestMessage(en, { ...base, state: "approved", execution }).blocks)).toEqual([]);
  });
});
