import type { Decision } from "../domain/decision";
import type { ExplanationData, ExplanationParam } from "../domain/explanation";
import { cyberbizStatusSchema, qoo10StatusSchema } from "../domain/order";
import { reasonSchema, requestKindSchema, type Reason } from "../domain/request";
import { reasonLabel, statusLabel } from "./labels";
import type { MessageKey } from "./catalog/index";
import { codeKey } from "./message-keys";
import type { Locale } from "./locales";
import type { Words } from "./words";

/**
 * A decision's explanation in the reader's language: one sentence naming the order and what to do,
 * ending with the rule ids it cites, e.g. "… (C2)." A decision stored before explanations were
 * codes carries its English sentence, shown as stored.
 */
export function explainDecision(words: Words, decision: Pick<Decision, "explanation" | "ruleIds">): string {
  const { explanation } = decision;
  if (typeof explanation === "string") return explanation;
  const body = words.t(messageKey(explanation), new ExplanationValues(words, explanation.params));
  return words.t("explain.sentence", { body, rules: decision.ruleIds.join(words.t("explain.rule_separator")) });
}

/** The one message each code reads as; a refused cancel depends on the platform's own vocabulary. */
function messageKey({ code, params }: ExplanationData): MessageKey {
  switch (code) {
    case "cancel_after_shipping":
      return params["platform"] === "cyberbiz" ? "explain.refusal.cancel_after_shipping.cyberbiz" : "explain.refusal.cancel_after_shipping.qoo10";
    case "cyberbiz_cancel":
    case "cyberbiz_refund":
    case "line_pay_manual_refund":
    case "qoo10_return":
    case "qoo10_return_waits":
    case "qoo10_customer_cancel":
    case "qoo10_seller_review":
    case "qoo10_store_cancel":
      return codeKey("explain.grant", code);
    default:
      return codeKey("explain.refusal", code);
  }
}

/**
 * Every value any explanation message may use, rendered in the reader's language. Each message
 * uses a few of them, so each is rendered only when its message reads it: most are an amount or a
 * list, which Intl formats at some cost.
 */
class ExplanationValues {
  // Lets Words#t take the class as its values; a placeholder with no getter here is still a missing value.
  readonly [placeholder: string]: string | undefined;
  readonly #words: Words;
  readonly #params: ExplanationData["params"];

  constructor(words: Words, params: ExplanationData["params"]) {
    this.#words = words;
    this.#params = params;
  }

  get #currency(): string {
    return text(this.#params["currency"]);
  }
  #money(key: string): string {
    return this.#words.money(amount(this.#params[key]), this.#currency);
  }

  get orderId(): string {
    return text(this.#params["orderId"]);
  }
  get status(): string {
    return orderStatus(this.#words, this.#params["status"]);
  }
  get kind(): string {
    const kind = requestKindSchema.safeParse(this.#params["kind"]);
    return kind.success ? kind.data : "other";
  }
  get reason(): string {
    const reason = reasonOf(this.#params["reason"]);
    return reason === undefined ? "" : quoted(this.#words, reasonLabel(this.#words, reason));
  }
  get allowed(): string {
    return allowedReasons(this.#words, this.#params["allowed"]);
  }
  get shipped(): YesNo {
    return yes(this.#params["shipped"] === true);
  }
  get amount(): string {
    return this.#money("amount");
  }
  get remainder(): string {
    return this.#money("remainder");
  }
  get remainderAfter(): string {
    return this.#money("remainderAfter");
  }
  get partial(): YesNo {
    return yes(amount(this.#params["remainderAfter"]) > 0);
  }
  get minimum(): string {
    return this.#words.money(1, this.#currency);
  }
  get total(): string {
    return this.#money("total");
  }
  get refunded(): string {
    return this.#money("refunded");
  }
  get pending(): string {
    return this.#money("pending");
  }
  get held(): YesNo {
    return yes(amount(this.#params["pending"]) > 0);
  }
  get via(): string {
    return this.#words.t("explain.via", { method: text(this.#params["paymentMethod"]) || "other" });
  }
  get restored(): string {
    return restoredItems(this.#words, amount(this.#params["points"]), strings(this.#params["coupons"]));
  }
  get restoring(): YesNo {
    return yes(amount(this.#params["points"]) > 0 || strings(this.#params["coupons"]).length > 0);
  }
  get silent(): YesNo {
    return yes(this.#params["status"] === "new");
  }
  get fee(): string {
    return this.#words.t("explain.fee", { bearer: text(this.#params["feeBearer"]) || "none" });
  }
  get notice(): string {
    return this.#params["buyerNotice"] === true ? this.#words.t("explain.buyer_notice", { language: buyerLanguage(this.#words, this.#params["buyerLocale"]) }) : "";
  }
}

/** C3/C4: "50 points and coupon SPRING10". */
function restoredItems(words: Words, points: number, coupons: readonly string[]): string {
  const items: string[] = [];
  if (points > 0) items.push(words.t("explain.restore.points", { points }));
  if (coupons.length > 0) items.push(words.t("explain.restore.coupons", { count: coupons.length, codes: coupons.join(", ") }));
  return words.list(items);
}

/** Q6: the buyer's language named in the reader's (ja-JP → "Japanese (Japan)", "日文（日本）"). */
function buyerLanguage(words: Words, tag: ExplanationParam | undefined): string {
  if (typeof tag !== "string") return words.t("explain.buyer_site_language");
  try {
    return languageNames(words.locale).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const LANGUAGE_NAMES = new Map<Locale, Intl.DisplayNames>();

/** Languages named in `locale`: built once per language, as building one costs far more than using it. */
function languageNames(locale: Locale): Intl.DisplayNames {
  let names = LANGUAGE_NAMES.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: "language" });
    LANGUAGE_NAMES.set(locale, names);
  }
  return names;
}

function allowedReasons(words: Words, allowed: ExplanationParam | undefined): string {
  const reasons = strings(allowed).flatMap((value) => reasonOf(value) ?? []);
  return words.list(
    reasons.map((reason) => quoted(words, reasonLabel(words, reason))),
    "disjunction",
  );
}

function quoted(words: Words, label: string): string {
  return words.t("explain.quoted", { text: label });
}

const orderStatusSchema = cyberbizStatusSchema.or(qoo10StatusSchema);

/** The status in the platform's words; a code this catalog does not know (a later platform's) as it is. */
function orderStatus(words: Words, value: ExplanationParam | undefined): string {
  const status = orderStatusSchema.safeParse(value);
  return status.success ? statusLabel(words, status.data) : text(value);
}

function reasonOf(value: ExplanationParam | undefined): Reason | undefined {
  const parsed = reasonSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

type YesNo = "yes" | "no";

function yes(condition: boolean): YesNo {
  return condition ? "yes" : "no";
}

function text(value: ExplanationParam | undefined): string {
  return typeof value === "string" ? value : "";
}

function amount(value: ExplanationParam | undefined): number {
  return typeof value === "number" ? value : 0;
}

function strings(value: ExplanationParam | undefined): string[] {
  return Array.isArray(value) ? value : [];
}
