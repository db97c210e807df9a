import { minorDigits } from "../domain/currency";
import type { Decision } from "../domain/decision";
import { PLATFORMS, type Platform } from "../domain/order";
import { REASONS, initiatorSchema, requestKindSchema, requestLabel, type Initiator, type Reason, type RequestKind } from "../domain/request";
import { explainDecision, initiatorLabel, kindLabel, platformLabel, policySummary, reasonLabel, wordsFor } from "../presentation/index";

export { minorDigits };

// The English words, while the messages and views that still use these exports learn their readers' languages.
const english = wordsFor("en");

/** 120000 JPY → "¥120,000"; 1200 TWD → "NT$1,200". Amounts are integers in the smallest unit. */
export function formatMoney(amount: number, currency: string): string {
  return english.money(amount, currency);
}

export { requestLabel };

function labels<K extends string>(codes: readonly K[], label: (code: K) => string): Record<K, string> {
  return Object.fromEntries(codes.map((code) => [code, label(code)])) as Record<K, string>;
}

export const PLATFORM_LABELS: Record<Platform, string> = labels(PLATFORMS, (platform) => platformLabel(english, platform));

export const KIND_LABELS: Record<RequestKind, string> = labels(requestKindSchema.options, (kind) => kindLabel(english, kind));

export const INITIATOR_LABELS: Record<Initiator, string> = labels(initiatorSchema.options, (initiator) => initiatorLabel(english, initiator));

export const REASON_LABELS: Record<Reason, string> = labels(REASONS, (reason) => reasonLabel(english, reason));

/** A decision's explanation in English. */
export function explanationText(decision: Pick<Decision, "explanation" | "ruleIds">): string {
  return explainDecision(english, decision);
}

/** The rules in English mrkdwn, for `/refund policy`. */
export function policyText(platform?: Platform): string {
  return policySummary(english, platform);
}

/** A date as Slack renders it in each reader's own time zone, with a plain fallback. */
export function slackDate(at: Date): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${at.toISOString()}>`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
