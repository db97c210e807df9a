import { describe, expect, it } from "vitest";
import { decisionSchema } from "../../../src/domain/decision";
import { citedRules, ENGINE_VERSION, evaluate, ruleCatalog } from "../../../src/domain/policy";
import { cyberbizOrder, request } from "./fixtures";

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

  it("gives each rule its platform", () => {
    for (const rule of ruleCatalog) {
      const platform = { C: "cyberbiz", Q: "qoo10", G: "all" }[rule.id[0] as "C" | "Q" | "G"];
      expect(rule.platform).toBe(platform);
    }
  });
});

describe("citedRules", () => {
  it("skips a rule this engine does not know, which a stored decision may cite", () => {
    const stored = decisionSchema.parse({ ...evaluate(cyberbizOrder(), request()), ruleIds: ["C2", "C99"] });
    expect(citedRules(stored).map((rule) => rule.id)).toEqual(["C2"]);
  });
});

describe("ENGINE_VERSION", () => {
  it("is semver", () => {
    expect(ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
