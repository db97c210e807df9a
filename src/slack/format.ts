import { minorDigits } from "../domain/currency";
import { requestLabel } from "../domain/request";
import type { Platform } from "../domain/order";
import type { Initiator, Reason, RequestKind } from "../domain/request";

export { minorDigits };

// Building an Intl.NumberFormat costs far more than using one: keep one per currency.
const MONEY_FORMATS = new Map<string, Intl.NumberFormat>();

/** 120000 JPY → "¥120,000"; 1200 TWD → "NT$1,200". Amounts are integers in the smallest unit. */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  let format = MONEY_FORMATS.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    MONEY_FORMATS.set(currency, format);
  }
  return format.format(amount / 10 ** digits);
}

export { requestLabel };

export const PLATFORM_LABELS: Record<Platform, string> = { cyberbiz: "Cyberbiz", qoo10: "Qoo10" };

export const KIND_LABELS: Record<RequestKind, string> = { cancel: "Cancel", refund: "Refund", return: "Return" };

export const INITIATOR_LABELS: Record<Initiator, string> = { store: "The store", customer: "The customer" };

export const REASON_LABELS: Record<Reason, string> = {
  out_of_stock: "Out of stock",
  shipping_delay: "Shipping delay",
  undeliverable_region: "Undeliverable region",
  customer_request: "Customer request",
  defective_item: "Defective item",
  wrong_item: "Wrong item sent",
  modify_order: "Modify order",
  other: "Other",
};

/** A date as Slack renders it in each reader's own time zone, with a plain fallback. */
export function slackDate(at: Date): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${at.toISOString()}>`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
