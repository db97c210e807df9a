import { describe, expect, it } from "vitest";
import { decisionSchema } from "../../../src/domain/decision";
import { evaluate, ruleCatalog } from "../../../src/domain/policy";
import { describeDecision, LOCALES, policySummary, ruleSummary, wordsFor } from "../../../src/presentation/index";
import { cyberbizOrder, qoo10Order, request } from "../policy/fixtures";

const en = wordsFor("en");
const ALL_IDS = ruleCatalog.map((rule) => rule.id);

describe("ruleSummary", () => {
  it.each(LOCALES)("says every rule in one short line in %s", (locale) => {
    for (const id of ALL_IDS) {
      const summary = ruleSummary(wordsFor(locale), id);
      expect(summary.length, id).toBeGreaterThan(5);
      expect(summary.length, id).toBeLessThanOrEqual(120);
    }
  });
});

describe("policySummary", () => {
  it("lists every rule in Slack mrkdwn, one section per platform", () => {
    const summary = policySummary(en);
    for (const id of ALL_IDS) expect(summary).toContain(`• *${id}* ${ruleSummary(en, id)}`);
    expect(summary.indexOf("*Cyberbiz store, paid with LINE Pay*")).toBeLessThan(summary.indexOf("*Qoo10 J·QSM*"));
    expect(summary.indexOf("*Qoo10 J·QSM*")).toBeLessThan(summary.indexOf("*Every platform*"));
  });

  it("shows one platform's rules with the general ones", () => {
    const summary = policySummary(en, "qoo10");
    expect(summary).toContain("• *Q15* ");
    expect(summary).toContain("• *G2* ");
    expect(summary).not.toContain("*C");
  });

  it("titles the sections in the reader's language", () => {
    expect(policySummary(wordsFor("ja"), "cyberbiz")).toContain(`*${wordsFor("ja").t("explain.section.cyberbiz")}*`);
    expect(policySummary(wordsFor("ja"), "cyberbiz")).toContain(`• *C2* ${ruleSummary(wordsFor("ja"), "C2")}`);
  });
});

describe("describeDecision", () => {
  it("prints the explanation, the decision and each cited rule with its summary", () => {
    const decision = evaluate(qoo10Order({ orderId: "1234", status: "in_transit" }), request());
    expect(describeDecision(en, decision, "JPY")).toBe(
      ["Order 1234 has shipped (In transit), so it cannot be cancelled; file a return instead (Q8).", "Decision: Refused.", "Rules:", `  Q8  ${ruleSummary(en, "Q8")}`].join("\n"),
    );
  });

  it("spells out what an allowed decision does, the amount in the order's currency", () => {
    const text = describeDecision(en, evaluate(cyberbizOrder({ pointsUsed: 5 }), request()), "TWD");
    expect(text).toContain("Decision: Allowed; route: Approval policy; refund NT$1,000; payment fee: No fee; restore 5 points; restore coupon SPRING10.");
    expect(text).toContain(`  C9  ${ruleSummary(en, "C9")}`);
  });

  it("copes with a stored decision citing a rule this engine does not know", () => {
    const stored = decisionSchema.parse({ ...evaluate(cyberbizOrder(), request()), ruleIds: ["C2", "C99"] });
    expect(describeDecision(en, stored, "TWD")).toContain("C99  (not in this engine's catalog)");
  });
});
