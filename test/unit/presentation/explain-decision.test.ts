import { afterEach, describe, expect, it, vi } from "vitest";
import { decisionSchema, type Decision } from "../../../src/domain/decision";
import { GRANT_CODES, REFUSAL_CODES, type ExplanationData } from "../../../src/domain/explanation";
import type { Order } from "../../../src/domain/order";
import { evaluate } from "../../../src/domain/policy";
import type { RefundRequest } from "../../../src/domain/request";
import { explainDecision, LOCALES, wordsFor, type Words } from "../../../src/presentation/index";
import { after, cyberbizOrder, DAY_MS, qoo10Order, request } from "../policy/fixtures";
import { pseudoWords, wordsOutsideTheCatalog } from "../../support/pseudo-words";

/** One request per explanation code and grant shape, named by the code it is explained with. */
const CASES: ReadonlyArray<readonly [string, Order, RefundRequest]> = [
  ["final_state", cyberbizOrder({ status: "cancelled" }), request()],
  ["return_not_on_cyberbiz", cyberbizOrder(), request({ kind: "return" })],
  ["bare_refund_on_qoo10", qoo10Order({ status: "completed" }), request({ kind: "refund" })],
  ["cancel_after_shipping", cyberbizOrder({ status: "shipped" }), request()],
  ["cancel_after_shipping", qoo10Order({ status: "in_transit" }), request()],
  ["return_before_shipping", qoo10Order(), request({ kind: "return", reason: "defective_item" })],
  ["nothing_left_to_refund", cyberbizOrder({ refunded: 600, pending: 400 }), request()],
  ["amount_out_of_range", cyberbizOrder({ pending: 400 }), request({ kind: "refund", amount: 900 })],
  ["partial_amount_on_qoo10", qoo10Order(), request({ amount: 100 })],
  ["reason_not_for_kind", qoo10Order({ status: "in_transit" }), request({ kind: "return", reason: "out_of_stock" })],
  ["store_side_reason_required", qoo10Order(), request({ reason: "modify_order" })],
  ["customer_request_not_filed", qoo10Order(), request({ reason: "customer_request" })],
  ["cancel_request_not_filed", qoo10Order({ status: "awaiting_shipment" }), request({ initiator: "customer", reason: "customer_request" })],
  ["warning_flag_outside_cyberbiz_cancel", cyberbizOrder(), request({ kind: "refund", flagCustomer: true })],
  ["cyberbiz_cancel", cyberbizOrder({ pointsUsed: 120, couponCodes: ["SPRING10", "VIP5"] }), request()],
  ["cyberbiz_refund", cyberbizOrder({ paymentMethod: "credit_card" }), request({ kind: "refund", amount: 300 })],
  ["line_pay_manual_refund", cyberbizOrder(), request({ requestedAt: after(61 * DAY_MS) })],
  ["line_pay_manual_refund", cyberbizOrder({ status: "shipped" }), request({ kind: "refund", amount: 300, requestedAt: after(61 * DAY_MS) })],
  ["qoo10_return", qoo10Order({ status: "completed" }), request({ kind: "return", reason: "wrong_item", returnReceived: true })],
  ["qoo10_return_waits", qoo10Order({ status: "in_transit", buyerLocale: undefined }), request({ kind: "return", reason: "defective_item" })],
  ["qoo10_customer_cancel", qoo10Order({ paymentMethod: "convenience_store" }), request({ initiator: "customer", reason: "customer_request" })],
  ["qoo10_seller_review", qoo10Order({ status: "awaiting_shipment", customerCancelRequested: true }), request({ initiator: "customer", reason: "customer_request" })],
  ["qoo10_store_cancel", qoo10Order({ buyerLocale: "zh-TW" }), request()],
];

const decided = CASES.map(([code, order, req]) => ({ code, order, decision: evaluate(order, req) }));

function codeOf(decision: Decision): string {
  return (decision.explanation as ExplanationData).code;
}

/** The data a sentence may show as given: ids, amounts in the order's currency, coupon codes, the buyer's language. */
function dataOf(words: Words, order: Order, decision: Decision): string[] {
  const amounts = [order.total, order.refunded, order.pending, decision.refundAmount, 1, 100, 300, 600, 700, 900].map((amount) => words.money(amount, order.currency));
  const language = order.buyerLocale ? [new Intl.DisplayNames([words.locale], { type: "language" }).of(order.buyerLocale)!] : [];
  return [order.orderId, ...amounts, ...order.couponCodes, ...language];
}

describe("explainDecision", () => {
  afterEach(() => vi.restoreAllMocks());

  it("has a case for every refusal code and every grant shape", () => {
    expect(new Set(decided.map(({ decision }) => codeOf(decision)))).toEqual(new Set([...REFUSAL_CODES, ...GRANT_CODES]));
    for (const { code, decision } of decided) expect(codeOf(decision), code).toBe(code);
  });

  it.each(LOCALES)("in %s, names the order and ends with the rule ids, in one line", (locale) => {
    const words = wordsFor(locale);
    for (const { order, decision } of decided) {
      const text = explainDecision(words, decision);
      expect(text).toContain(order.orderId);
      for (const id of decision.ruleIds) expect(text).toContain(id);
      expect(text).not.toMatch(/\n|undefined|NaN|\{|\}/);
    }
  });

  it("uses nothing but the catalog's words and the decision's data (pseudo-locale)", () => {
    // Lists are joined by Intl, in each language's own words ("and", "or", "和", "または").
    const listWords = (["conjunction", "disjunction"] as const).flatMap((type) =>
      new Intl.ListFormat("en-US", { type }).formatToParts(["a", "b", "c"]).flatMap((part) => (part.type === "literal" ? [part.value.replace(/[^\p{L}]/gu, "")] : [])),
    );
    for (const { code, order, decision } of decided) {
      const text = explainDecision(pseudoWords, decision);
      const data = [...dataOf(pseudoWords, order, decision), ...decision.ruleIds, ...listWords.filter(Boolean).map((word) => ` ${word} `)];
      expect(wordsOutsideTheCatalog([text], data), code).toEqual([]);
    }
  });

  it.each(["zh-TW", "zh-CN", "ja"] as const)("in %s, writes no English word beyond the platforms' names", (locale) => {
    const words = wordsFor(locale);
    for (const { code, order, decision } of decided) {
      let rest = explainDecision(words, decision);
      for (const value of [...dataOf(words, order, decision), "MyQoo10", "Qoo10", "Cyberbiz", "LINE Pay"]) rest = rest.replaceAll(value, " ");
      expect(rest.match(/[A-Za-z]{2,}/g) ?? [], `${code}: ${rest}`).toEqual([]);
    }
  });

  it("says a refused cancel of a shipped Cyberbiz order, citing C2, in each language", () => {
    const decision = evaluate(cyberbizOrder({ status: "shipped" }), request());
    expect(LOCALES.map((locale) => explainDecision(wordsFor(locale), decision))).toEqual([
      "Order CB-1001 is no longer unshipped (Shipped), so it cannot be cancelled; file a refund instead (C2).",
      "訂單 CB-1001 已不是未出貨狀態（已出貨），無法取消訂單；請改為申請退款（C2）。",
      "订单 CB-1001 已不是未发货状态（已发货），无法取消订单；请改为申请退款（C2）。",
      "注文 CB-1001 はすでに発送に進んでいる（発送済み）ため、キャンセルではなく返金を申請してください（C2）。",
    ]);
  });

  it("gives the amounts in the order's currency and what stays refundable", () => {
    const decision = evaluate(cyberbizOrder(), request({ kind: "refund", amount: 300 }));
    expect(explainDecision(wordsFor("en"), decision)).toContain("NT$300 (NT$700 stays refundable)");
    expect(explainDecision(wordsFor("ja"), decision)).toContain("NT$300（NT$700 は引き続き返金可能）");
    expect(explainDecision(wordsFor("zh-CN"), decision)).toContain("NT$300（仍有 NT$700 可退款）");
  });

  it("lists the reasons to choose from in the reader's words", () => {
    const decision = evaluate(qoo10Order(), request({ reason: "modify_order" }));
    expect(explainDecision(wordsFor("zh-CN"), decision)).toContain("「无库存」、「运送延期」或「无法配送地区」");
    expect(explainDecision(wordsFor("ja"), decision)).toContain("「在庫切れ」、「発送遅延」、または「配送不可地域」");
  });

  it("names the buyer's language in the reader's, or the buyer's site when it is unknown", () => {
    const decision = evaluate(qoo10Order({ buyerLocale: "zh-TW" }), request());
    expect(explainDecision(wordsFor("en"), decision)).toContain("message the buyer under Cancel/Refund first, in Chinese (Taiwan)");
    expect(explainDecision(wordsFor("ja"), decision)).toContain("中国語 (台湾)で購入者にメッセージを送ったうえで");
    const unknown = evaluate(qoo10Order({ buyerLocale: undefined }), request());
    expect(explainDecision(wordsFor("en"), unknown)).toContain("in the language of the buyer's site");
  });

  it("renders only the amounts and lists its own message uses", () => {
    const words = wordsFor("en");
    const money = vi.spyOn(words, "money");
    const list = vi.spyOn(words, "list");
    const text = explainDecision(words, evaluate(cyberbizOrder({ paymentMethod: "credit_card" }), request({ kind: "refund", amount: 300 })));
    expect(text).toBe("Order CB-1001 can be refunded NT$300 (NT$700 stays refundable) to the credit card without cancelling it (C8, G2).");
    expect(money.mock.calls).toEqual([
      [300, "TWD"],
      [700, "TWD"],
    ]);
    expect(list).not.toHaveBeenCalled();
  });

  it("shows a decision stored with an English sentence as it was stored", () => {
    const stored = decisionSchema.parse({ ...evaluate(qoo10Order(), request()), explanation: "Order 1234 is in transit, so it cannot be cancelled (Q8)." });
    for (const locale of LOCALES) expect(explainDecision(wordsFor(locale), stored)).toBe("Order 1234 is in transit, so it cannot be cancelled (Q8).");
  });

  it("stores the explanation as a code and data that survive a round trip through JSON", () => {
    const decision = evaluate(cyberbizOrder(), request());
    const stored = decisionSchema.parse(JSON.parse(JSON.stringify(decision)));
    expect(stored.explanation).toEqual({ code: "cyberbiz_cancel", params: expect.objectContaining({ orderId: "CB-1001", amount: 1000, currency: "TWD", points: 50, coupons: ["SPRING10"] }) });
    expect(explainDecision(wordsFor("ja"), stored)).toBe(explainDecision(wordsFor("ja"), decision));
  });
});
