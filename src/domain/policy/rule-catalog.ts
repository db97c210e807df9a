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

export interface RuleEntry {
  readonly id: PolicyRuleId;
  readonly platform: RuleScope;
  /** One short English line, for Slack and the CLI. */
  readonly summary: string;
}

export const ruleCatalog: readonly RuleEntry[] = [
  { id: "C1", platform: "cyberbiz", summary: "A cancel ends the order and stops its shipping." },
  { id: "C2", platform: "cyberbiz", summary: "Only an unshipped order can be cancelled." },
  { id: "C3", platform: "cyberbiz", summary: "A cancel gives back the reward credit used on the order." },
  { id: "C4", platform: "cyberbiz", summary: "A cancel gives back the coupons used on the order." },
  { id: "C5", platform: "cyberbiz", summary: "The cancel records a reason, whether to email the customer and whether to flag a warning account." },
  { id: "C6", platform: "cyberbiz", summary: "A cancelled order is final: a second cancel is refused." },
  { id: "C7", platform: "cyberbiz", summary: "LINE Pay refunds online within 60×24 h of the order; later it is a manual refund, fee on the seller." },
  { id: "C8", platform: "cyberbiz", summary: "Refunds are full or partial, never beyond what is still refundable; a refund without cancel is allowed." },
  { id: "C9", platform: "cyberbiz", summary: "A LINE Pay cancel touches the store back office and LINE Pay: two idempotent effects." },
  { id: "Q1", platform: "qoo10", summary: "Who caused the cancellation, store or customer, decides the procedure." },
  { id: "Q2", platform: "qoo10", summary: "Many orders at once: the bot decides each order of a bulk request." },
  { id: "Q3", platform: "qoo10", summary: "A store-side cancel of an unshipped order needs: out of stock, shipping delay or undeliverable region." },
  { id: "Q4", platform: "qoo10", summary: "The store may give \"customer request\" only once the customer filed a cancel request (their own cancel is one)." },
  { id: "Q5", platform: "qoo10", summary: "Before a store-side cancel or return, message the buyer under Cancel/Refund." },
  { id: "Q6", platform: "qoo10", summary: "Write the buyer message in the buyer's language." },
  { id: "Q7", platform: "qoo10", summary: "Bank transfer and convenience store fee: the seller pays when the store is at fault, else the customer." },
  { id: "Q8", platform: "qoo10", summary: "A shipped order is returned, not cancelled; an unshipped one is cancelled." },
  { id: "Q9", platform: "qoo10", summary: "A store-side return needs: shipping delay, defective item or wrong item; modify order and other are the buyer's." },
  { id: "Q10", platform: "qoo10", summary: "A return is refunded once the goods are received; until then it waits." },
  { id: "Q11", platform: "qoo10", summary: "A customer cancels a new or delayed order themselves; awaiting shipment, the seller reviews their request." },
  { id: "Q12", platform: "qoo10", summary: "A cancel request awaiting shipment notifies the store; a cancel of a new order refunds automatically." },
  { id: "Q13", platform: "qoo10", summary: "A refund failing with a system error is reported with the error, kept retryable, never paid twice." },
  { id: "Q14", platform: "qoo10", summary: "A customer who will not withdraw, or cancels outside the system, is escalated to Qoo10 support." },
  { id: "Q15", platform: "qoo10", summary: "Qoo10 refunds in full only, through a cancel or a return: no partial amount, no bare refund." },
  { id: "G1", platform: "all", summary: "A cancelled or returned order accepts no further request." },
  { id: "G2", platform: "all", summary: "The amount is a whole number from 1 to what is still refundable." },
  { id: "G3", platform: "all", summary: "Customer-only reasons: customer request, modify order, other; store-side requests use store-side reasons." },
];

const summaries = new Map(ruleCatalog.map((rule) => [rule.id, rule.summary]));
const catalogPosition = new Map(POLICY_RULE_IDS.map((id, index) => [id, index]));

export function ruleSummary(id: PolicyRuleId): string {
  return summaries.get(id) ?? id;
}

/** Our ruleIds convention: each id once, in the order docs/rules.md lists them, so equal decisions compare equal. */
export function inCatalogOrder(ids: Iterable<PolicyRuleId>): PolicyRuleId[] {
  return [...new Set(ids)].sort((a, b) => (catalogPosition.get(a) ?? 0) - (catalogPosition.get(b) ?? 0));
}
