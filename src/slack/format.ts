import { minorDigits } from "../domain/currency";
import { REASONS, requestLabel, type Reason } from "../domain/request";
import { reasonLabel, wordsFor } from "../presentation/index";

export { minorDigits };

export { requestLabel };

/** Each reason's English label: a bulk CSV may name its reason by it ("Out of stock"). */
export const REASON_LABELS: Record<Reason, string> = Object.fromEntries(REASONS.map((reason) => [reason, reasonLabel(wordsFor("en"), reason)])) as Record<Reason, string>;

/** A date as Slack renders it in each reader's own time zone, with a plain fallback. */
export function slackDate(at: Date): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${at.toISOString()}>`;
}

const MRKDWN_CONTROL = /[&<>]/;

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  // Most text has none of them: one scan, rather than three that copy it.
  if (!MRKDWN_CONTROL.test(text)) return text;
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
