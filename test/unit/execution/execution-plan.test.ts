import { describe, expect, it } from "vitest";
import type { Decision } from "../../../src/domain/decision";
import { matchRefund, noticeTemplateKind, PlanError, planExecution, type ExecutionProviders, type PlanRequest } from "../../../src/domain/execution-plan";
import { orderSchema, type Order, type OrderInput } from "../../../src/domain/order";
import { evaluate } from "../../../src/domain/policy";
import type { RefundRequestInput } from "../../../src/domain/request";
import { refundRequestSchema } from "../../../src/domain/request";

const cyberbiz = (o: Partial<OrderInput> = {}): Order =>
  orderSchema.parse({ platform: "cyberbiz", orderId: "9001", status: "unshipped", paymentMethod: "line_pay", transactionId: "2026112300000000001", currency: "TWD", total: 1200, createdAt: "2026-11-20T10:00:00+08:00", pointsUsed: 100, couponCodes: ["WELCOME10"], ...o });
const qoo10 = (o: Partial<OrderInput> = {}): Order =>
  orderSchema.parse({ platform: "qoo10", orderId: "7001", status: "new", paymentMethod: "credit_card", currency: "JPY", total: 5800, createdAt: "2026-11-21T09:00:00+09:00", buyerLocale: "ja-JP", ...o });

const API: Record<string, ExecutionProviders> = {
  cyberbizLinePay: { orderSource: "cyberbiz", paymentGateway: "line_pay" },
  qoo10: { orderSource: "qoo10", paymentGateway: "local" },
  local: { orderSource: "local", paymentGateway: "local" },
};

/** Decides with the real engine, then plans: the plan is checked against decisions the engine really makes. */
function plan(order: Order, input: Partial<RefundRequestInput> & Pick<RefundRequestInput, "kind">, providers: ExecutionProviders) {
  const request = refundRequestSchema.parse({ initiator: "store", reason: "out_of_stock", requestedAt: "2026-11-23T10:00:00+08:00", ...input });
  const decision = evaluate(order, request);
  return { decision, plan: planExecution({ request, decision, order, providers }) };
}

const shape = (effects: ReturnType<typeof planExecution>) => effects.map((e) => `${e.kind}@${e.provider}/${e.via}${e.includedIn ? `<${e.includedIn}` : ""}`);

describe("the execution plan", () => {
  it("a Cyberbiz cancel paid with LINE Pay, on the APIs: cancel, then refund at LINE Pay; restore, flag and email come with Cyberbiz's cancel (C3–C5, C9)", () => {
    const { plan: effects } = plan(cyberbiz(), { kind: "cancel", notifyCustomer: true, flagCustomer: true }, API.cyberbizLinePay!);
    expect(shape(effects)).toEqual(["cancel@cyberbiz/call", "refund@line_pay/call", "restore@cyberbiz/included<cancel", "flag_customer@cyberbiz/included<cancel", "customer_notice@cyberbiz/included<cancel"]);
    expect(effects[1]!.params).toEqual({ amount: 1200, currency: "TWD", full: true, transactionId: "2026112300000000001" });
    expect(effects[2]!.params).toEqual({ points: 100, coupons: ["WELCOME10"] });
  });

  it("the same cancel on the local store: every effect is a call to the local store, in the plan's order", () => {
    const { plan: effects } = plan(cyberbiz(), { kind: "cancel", notifyCustomer: true, flagCustomer: true }, API.local!);
    expect(shape(effects)).toEqual(["cancel@local/call", "refund@local/call", "restore@local/call", "flag_customer@local/call", "customer_notice@local/call"]);
  });

  it("a partial refund without a cancel: only the refund (not full), and nothing to restore (C8)", () => {
    const order = cyberbiz({ status: "delivered", total: 3000, refunded: 500 });
    const { plan: effects } = plan(order, { kind: "refund", initiator: "customer", reason: "defective_item", amount: 700 }, API.cyberbizLinePay!);
    expect(shape(effects)).toEqual(["refund@line_pay/call"]);
    expect(effects[0]!.params).toMatchObject({ amount: 700, full: false });
  });

  it("a refund of everything left after an earlier refund is not LINE Pay's full refund: the amount is explicit", () => {
    const { plan: effects } = plan(cyberbiz({ status: "delivered", total: 3000, refunded: 500 }), { kind: "refund", initiator: "customer", reason: "other" }, API.cyberbizLinePay!);
    expect(effects[0]!.params).toMatchObject({ amount: 2500, full: false });
  });

  it("a Cyberbiz refund-only with a notice: Cyberbiz cannot message buyers, so the notice goes to the local outbox", () => {
    const { plan: effects } = plan(cyberbiz({ status: "delivered" }), { kind: "refund", initiator: "customer", reason: "other", notifyCustomer: true }, API.cyberbizLinePay!);
    expect(shape(effects)).toEqual(["refund@line_pay/call", "customer_notice@local/call"]);
    expect(effects[1]!.params).toEqual({ outbox: true });
  });

  it("a Qoo10 store-side cancel: the buyer is told first (Q5), then Qoo10 cancels and refunds with the cancel; no second notice", () => {
    const { decision, plan: effects } = plan(qoo10(), { kind: "cancel", notifyCustomer: true }, API.qoo10!);
    expect(decision.buyerNoticeRequired).toBe(true);
    expect(shape(effects)).toEqual(["q5_notice@qoo10/call", "cancel@qoo10/call", "refund@qoo10/included<cancel"]);
  });

  it("a Qoo10 customer cancel: no Q5 notice; the customer notice comes last when asked for", () => {
    const order = qoo10({ customerCancelRequested: true });
    const { plan: effects } = plan(order, { kind: "cancel", initiator: "customer", reason: "customer_request", notifyCustomer: true }, API.qoo10!);
    expect(shape(effects)).toEqual(["cancel@qoo10/call", "refund@qoo10/included<cancel", "customer_notice@qoo10/call"]);
  });

  it("a Qoo10 store-side return once the goods are back: Q5 notice, accept the return, refund with it (Q10)", () => {
    const { plan: effects } = plan(qoo10({ status: "completed" }), { kind: "return", reason: "defective_item", returnReceived: true }, API.qoo10!);
    expect(shape(effects)).toEqual(["q5_notice@qoo10/call", "accept_return@qoo10/call", "refund@qoo10/included<accept_return"]);
  });

  it("a Qoo10 order on the local store is refunded by the local store", () => {
    const { plan: effects } = plan(qoo10(), { kind: "cancel" }, API.local!);
    expect(shape(effects)).toEqual(["q5_notice@local/call", "cancel@local/call", "refund@local/call"]);
  });

  it("past LINE Pay's 60 days (C7): the refund is manual, no LINE Pay call; the rest still runs", () => {
    const order = cyberbiz({ createdAt: "2026-09-01T10:00:00+08:00" });
    const { decision, plan: effects } = plan(order, { kind: "cancel", notifyCustomer: true }, API.cyberbizLinePay!);
    expect(decision.outcome).toBe("manual");
    expect(shape(effects)).toEqual(["cancel@cyberbiz/call", "refund@manual/manual", "restore@cyberbiz/included<cancel", "customer_notice@cyberbiz/included<cancel"]);
    expect(effects[1]!.params).toMatchObject({ amount: 1200, feeBearer: "seller" });
  });

  it("refuses to plan a decision that is not executed", () => {
    const order = cyberbiz({ status: "cancelled" });
    const request = refundRequestSchema.parse({ kind: "cancel", initiator: "store", reason: "out_of_stock", requestedAt: "2026-11-23T10:00:00+08:00" });
    const decision: Decision = evaluate(order, request);
    expect(() => planExecution({ request: request as PlanRequest, decision, order, providers: API.local! })).toThrow(PlanError);
  });

  it("is deterministic: the same inputs give the same plan (a retry re-derives it)", () => {
    const a = plan(cyberbiz(), { kind: "cancel", flagCustomer: true }, API.cyberbizLinePay!).plan;
    const b = plan(cyberbiz(), { kind: "cancel", flagCustomer: true }, API.cyberbizLinePay!).plan;
    expect(a).toEqual(b);
  });

  it("picks the manual notice template once the refund went to a person", () => {
    expect(noticeTemplateKind("cancel", false)).toBe("cancel");
    expect(noticeTemplateKind("return", false)).toBe("return");
    expect(noticeTemplateKind("cancel", true)).toBe("manual_refund");
  });
});

describe("reconciling a refund after an ambiguous answer", () => {
  const refund = (id: string, amount: number, type: "full" | "partial" = "partial") => ({ refundTransactionId: id, amount, type });

  it("finds the refund that is new since the first call, of the amount asked", () => {
    expect(matchRefund([refund("R1", 300), refund("R2", 500)], { amount: 500, full: false, before: ["R1"] }, new Set())).toEqual(refund("R2", 500));
  });

  it("ignores refunds that existed before the first call, even of the same amount", () => {
    expect(matchRefund([refund("R1", 500)], { amount: 500, full: false, before: ["R1"] }, new Set())).toBeUndefined();
  });

  it("ignores a refund another request has recorded as its own", () => {
    expect(matchRefund([refund("R1", 500), refund("R2", 500)], { amount: 500, full: false, before: [] }, new Set(["R2"]))).toEqual(refund("R1", 500));
    expect(matchRefund([refund("R1", 500)], { amount: 500, full: false, before: [] }, new Set(["R1"]))).toBeUndefined();
  });

  it("ignores a new refund of another amount", () => {
    expect(matchRefund([refund("R1", 499)], { amount: 500, full: false, before: [] }, new Set())).toBeUndefined();
  });

  it("a full refund matches LINE Pay's full type whatever the amount it reports", () => {
    expect(matchRefund([refund("R1", 1150, "full")], { amount: 1200, full: true, before: [] }, new Set())).toEqual(refund("R1", 1150, "full"));
  });

  it("the newest match wins; without a baseline every unattributed refund is a candidate", () => {
    expect(matchRefund([refund("R1", 500), refund("R2", 500)], { amount: 500, full: false }, new Set())).toEqual(refund("R2", 500));
  });
});
