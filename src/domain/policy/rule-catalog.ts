import type { Platform } from "../order";

/** Every rule id of docs/rules.md, in the order it lists them. */
export const POLICY_RULE_IDS = [
  "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9",
  "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q11", "Q12", "Q13", "Q14", "Q15",
  "G1", "G2", "G3",
] as const;
export type PolicyRuleId = (typeof POLICY_RULE_IDS)[number];

/** Which platform a rule belongs to; `all` for our general rules. */
export type RuleScope = Platform | "all";

/** A rule's id and platform; what it says is worded in src/presentation (explain.rule.<id>). */
export interface RuleEntry {
  readonly id: PolicyRuleId;
  readonly platform: RuleScope;
}

export const ruleCatalog: readonly RuleEntry[] = [
  { id: "C1", platform: "cyberbiz" },
  { id: "C2", platform: "cyberbiz" },
  { id: "C3", platform: "cyberbiz" },
  { id: "C4", platform: "cyberbiz" },
  { id: "C5", platform: "cyberbiz" },
  { id: "C6", platform: "cyberbiz" },
  { id: "C7", platform: "cyberbiz" },
  { id: "C8", platform: "cyberbiz" },
  { id: "C9", platform: "cyberbiz" },
  { id: "Q1", platform: "qoo10" },
  { id: "Q2", platform: "qoo10" },
  { id: "Q3", platform: "qoo10" },
  { id: "Q4", platform: "qoo10" },
  { id: "Q5", platform: "qoo10" },
  { id: "Q6", platform: "qoo10" },
  { id: "Q7", platform: "qoo10" },
  { id: "Q8", platform: "qoo10" },
  { id: "Q9", platform: "qoo10" },
  { id: "Q10", platform: "qoo10" },
  { id: "Q11", platform: "qoo10" },
  { id: "Q12", platform: "qoo10" },
  { id: "Q13", platform: "qoo10" },
  { id: "Q14", platform: "qoo10" },
  { id: "Q15", platform: "qoo10" },
  { id: "G1", platform: "all" },
  { id: "G2", platform: "all" },
  { id: "G3", platform: "all" },
];

const catalogPosition = new Map(POLICY_RULE_IDS.map((id, index) => [id, index]));

/** Our ruleIds convention: each id once, in the order docs/rules.md lists them, so equal decisions compare equal. */
export function inCatalogOrder(ids: Iterable<PolicyRuleId>): PolicyRuleId[] {
  return [...new Set(ids)].sort((a, b) => (catalogPosition.get(a) ?? 0) - (catalogPosition.get(b) ?? 0));
}
