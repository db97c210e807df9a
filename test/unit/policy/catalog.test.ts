import { describe, expect, it } from "vitest";
import { decisionSchema } from "../../../src/domain/decision";
import { citedRules, describeDecision, ENGINE_VERSION, evaluate, policySummary, ruleCatalog, ruleSummary } from "../../../src/domain/policy";
import { cyberbizOrder, qoo10Order, request } from "./fixtures";

// Every id of docs/rules.md, copied from it.
const RULE_TABLE_IDS = [
  ...Array.from({ length: 9 }, (_, i) => `C${i + 1}`),
  ...Array.from({ length: 15 }, (_, i) => `Q${i + 1}`),
  "G1", "G2", "G3",
];

describe("ruleCatalog", () => {
  it("lists every rule of docs/rules.md once, in its order", () => {
    expect(ruleCatalog.map((rule) => rule.id)).toEqual(RULE_TABLE_IDS);
  });

  it("gives each rule its platform and a short summary", () => {
    for (const rule of ruleCatalog) {
      const platform = { C: "cyberbiz", Q: "qoo10", G: "all" }[rule.id[0] as "C" | "Q" | "G"];
      expect(rule.platform).toBe(platform);
      expect(rule.summary.length).toBeGreaterThan(10);
      expect(rule.summary.length).toBeLessThanOrEqual(120);
      expect(ruleSummary(rule.id)).toBe(rule.summary);
    }
  });
});

describe("policySummary", () => {
  it("lists every rule in Slack mrkdwn, one section per platform", () => {
    const summary = policySummary();
    for (const id of RULE_TABLE_IDS) expect(summary).toContain(`• *${id}* `);
    expect(summary.indexOf("*Cyberbiz store, paid with LINE Pay*")).toBeLessThan(summary.indexOf("*Qoo10 J·QSM*"));
    expect(summary.indexOf("*Qoo10 J·QSM*")).toBeLessThan(summary.indexOf("*Every platform*"));
  });

  it("shows one platform's rules with the general ones", () => {
    const summary = policySummary("qoo10");
    expect(summary).toContain("• *Q15* ");
    expect(summary).toContain("• *G2* ");
    expect(summary).not.toContain("*C");
  });
});

describe("describeDecision and citedRules", () => {
  it("prints the explanation, the decision and each cited rule with its summary", () => {
    const decision = evaluate(qoo10Order({ orderId: "1234", status: "in_transit" }), request());
    expect(describeDecision(decision)).toBe(
      ["Order 1234 has shipped (in transit), so it cannot be cancelled; file a return instead (Q8).", "Decision: outcome reject.", "Rules:", `  Q8  ${ruleSummary("Q8")}`].join("\n"),
    );
  });

  it("spells out what an allowed decision does", () => {
    const text = describeDecision(evaluate(cyberbizOrder({ pointsUsed: 5 }), request()));
    expect(text).toContain("Decision: outcome allow; route approval_policy; refund 1000; fee bearer none; restore 5 points; restore coupons SPRING10.");
    expect(text).toContain(`  C9  ${ruleSummary("C9")}`);
  });

  it("copes with a stored decision citing a rule this engine does not know", () => {
    const stored = decisionSchema.parse({ ...evaluate(cyberbizOrder(), request()), ruleIds: ["C2", "C99"] });
    expect(describeDecision(stored)).toContain("C99  (not in this engine's catalog)");
    expect(citedRules(stored).map((rule) => rule.id)).toEqual(["C2"]);
  });
});

describe("ENGINE_VERSION", () => {
  it("is semver", () => {
    expect(ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
