import type { Decision } from "../decision";
import { ruleCatalog, type RuleEntry } from "./rule-catalog";

/** The catalog entries a decision cites, in its order; ids the catalog does not know are skipped. */
export function citedRules(decision: Pick<Decision, "ruleIds">): RuleEntry[] {
  return decision.ruleIds.flatMap((id) => ruleCatalog.find((rule) => rule.id === id) ?? []);
}
