import type { Decision } from "../decision";
import type { Platform } from "../order";
import { ruleCatalog, type RuleEntry, type RuleScope } from "./rule-catalog";

const SECTION_TITLES: Record<RuleScope, string> = {
  cyberbiz: "Cyberbiz store, paid with LINE Pay",
  qoo10: "Qoo10 J·QSM",
  all: "Every platform",
};

/**
 * The rules in Slack mrkdwn, for `/refund policy`: one section per platform, then the general
 * rules. With a platform, only that platform's rules and the general ones.
 */
export function policySummary(platform?: Platform): string {
  const scopes: RuleScope[] = platform === undefined ? ["cyberbiz", "qoo10", "all"] : [platform, "all"];
  return scopes
    .map((scope) => {
      const lines = ruleCatalog.filter((rule) => rule.platform === scope).map((rule) => `• *${rule.id}* ${rule.summary}`);
      return [`*${SECTION_TITLES[scope]}*`, ...lines].join("\n");
    })
    .join("\n\n");
}

/** The catalog entries a decision cites, in its order; ids the catalog does not know are skipped. */
export function citedRules(decision: Pick<Decision, "ruleIds">): RuleEntry[] {
  return decision.ruleIds.flatMap((id) => ruleCatalog.find((rule) => rule.id === id) ?? []);
}

/**
 * A decision in plain text for people (the CLI's `--explain`, a log line): the explanation, what
 * was decided, and each cited rule with its summary.
 */
export function describeDecision(decision: Decision): string {
  const facts = [`outcome ${decision.outcome}`];
  if (decision.route !== undefined) {
    facts.push(`route ${decision.route}`, `refund ${decision.refundAmount}`, `fee bearer ${decision.feeBearer}`);
    if (decision.restore.points > 0) facts.push(`restore ${decision.restore.points} points`);
    if (decision.restore.coupons.length > 0) facts.push(`restore coupons ${decision.restore.coupons.join(", ")}`);
    if (decision.buyerNoticeRequired) facts.push("message the buyer first");
  }
  const width = Math.max(...decision.ruleIds.map((id) => id.length));
  const rules = decision.ruleIds.map((id) => {
    // A stored decision may cite a rule a later engine retired.
    const entry = ruleCatalog.find((rule) => rule.id === id);
    return `  ${id.padEnd(width)}  ${entry?.summary ?? "(not in this engine's catalog)"}`;
  });
  return [decision.explanation, `Decision: ${facts.join("; ")}.`, "Rules:", ...rules].join("\n");
}
