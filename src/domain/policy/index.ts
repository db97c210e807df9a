// The policy engine: the pure rules of docs/rules.md. No I/O, no clock.

/**
 * Stored with every decision, so a later change of rules never rewrites why an old request was
 * decided. Bump the major version when a request may now be decided differently.
 */
export const ENGINE_VERSION = "2.0.0";

export { evaluate } from "./evaluate";
export { isKindOffered, isReasonOffered, kindRefusal, offeredKinds, offeredReasons } from "./offers";
export type { Refusal, Refused } from "./verdict";
export { POLICY_RULE_IDS, ruleCatalog, type PolicyRuleId, type RuleEntry, type RuleScope } from "./rule-catalog";
export { citedRules } from "./summary";
export { evaluateBatch, type BatchItem, type BatchResult } from "./batch";
export { escalation, escalationFor, type Escalation, type EscalationSituation } from "./escalation";
export { refundFailureNotice } from "./failure";
export { LINE_PAY_REFUND_WINDOW_MS } from "./cyberbiz-rules";
