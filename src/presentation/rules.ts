import type { Decision } from "../domain/decision";
import type { Platform } from "../domain/order";
import { ruleCatalog, type PolicyRuleId, type RuleScope } from "../domain/policy/rule-catalog";
import { explainDecision } from "./explain-decision";
import { feeBearerLabel, outcomeLabel, routeLabel } from "./labels";
import type { Words } from "./words";

const KNOWN_RULES = new Set<string>(ruleCatalog.map((rule) => rule.id));

/** One short line saying what a rule asks, for Slack and the CLI. */
export function ruleSummary(words: Words, id: PolicyRuleId): string {
  return words.t(`explain.rule.${id}`);
}

/**
 * The rules in Slack mrkdwn, for `/refund policy`: one section per platform, then the general
 * rules. With a platform, only that platform's rules and the general ones.
 */
export function policySummary(words: Words, platform?: Platform): string {
  const scopes: RuleScope[] = platform === undefined ? ["cyberbiz", "qoo10", "all"] : [platform, "all"];
  return scopes
    .map((scope) => {
      const lines = ruleCatalog.filter((rule) => rule.platform === scope).map((rule) => `• *${rule.id}* ${ruleSummary(words, rule.id)}`);
      return [`*${words.t(`explain.section.${scope}`)}*`, ...lines].join("\n");
    })
    .join("\n\n");
}

/**
 * A decision in plain text for people (the CLI's `--explain`): the explanation, what was decided,
 * and each cited rule with its summary.
 */
export function describeDecision(words: Words, decision: Decision, currency: string): string {
  const facts = [outcomeLabel(words, decision.outcome)];
  if (decision.route !== undefined) {
    facts.push(
      words.t("cli.fact.route", { route: routeLabel(words, decision.route) }),
      words.t("cli.fact.refund", { amount: words.money(decision.refundAmount, currency) }),
      words.t("cli.fact.fee", { bearer: feeBearerLabel(words, decision.feeBearer) }),
    );
    if (decision.restore.points > 0) facts.push(words.t("cli.fact.restore_points", { points: decision.restore.points }));
    if (decision.restore.coupons.length > 0) facts.push(words.t("cli.fact.restore_coupons", { count: decision.restore.coupons.length, codes: decision.restore.coupons.join(", ") }));
    if (decision.buyerNoticeRequired) facts.push(words.t("cli.fact.buyer_notice"));
  }
  const width = Math.max(...decision.ruleIds.map((id) => id.length));
  const rules = decision.ruleIds.map((id) => {
    // A stored decision may cite a rule a later engine retired.
    const summary = KNOWN_RULES.has(id) ? ruleSummary(words, id as PolicyRuleId) : words.t("explain.rule.unknown");
    return `  ${id.padEnd(width)}  ${summary}`;
  });
  return [explainDecision(words, decision), words.t("cli.decision", { facts: facts.join(words.t("cli.fact_separator")) }), words.t("cli.rules"), ...rules].join("\n");
}
