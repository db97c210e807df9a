import { IntlMessageFormat } from "intl-messageformat";
import { minorDigits } from "../domain/currency";
import { CATALOGS, type Catalog, type MessageKey } from "./catalog/index";
import { compileMessage, type FormatMessage } from "./compile-message";
import { LOCALES, type Locale } from "./locales";

export type MessageValues = Readonly<Record<string, string | number | boolean | null | undefined | Date>>;

/** What a view or message builder is given to speak its reader's language. */
export interface Words {
  readonly locale: Locale;
  /** The message `key` in this language, its ICU placeholders filled from `values`. */
  t(key: MessageKey, values?: MessageValues): string;
  /** 1200 TWD → "NT$1,200"; 4800 JPY in Japanese → "￥4,800". Amounts are whole numbers in the currency's smallest unit. */
  money(amount: number, currency: string): string;
  /** A count or number with this language's grouping. */
  number(value: number): string;
  /** "A, B and C" / "A、B、C": a list as this language joins it. */
  list(items: readonly string[], type?: "conjunction" | "disjunction"): string;
}

/** Intl's tag for each language (the region picks the grouping and the currency symbols readers expect). */
const INTL_TAGS: Readonly<Record<Locale, string>> = { en: "en-US", "zh-TW": "zh-TW", "zh-CN": "zh-CN", ja: "ja-JP" };

/**
 * Words over any catalog: the four languages below, and the tests' pseudo-locale. Each message is
 * parsed and compiled once, on first use, and kept: a message is formatted on every Slack post. A
 * key missing from the catalog throws, so a builder can never show a key or an English fallback
 * silently; the catalog test keeps every language complete.
 */
export function createWords(locale: Locale, catalog: Catalog, intlTag = INTL_TAGS[locale]): Words {
  const messages = new Map<string, FormatMessage>();
  const numberFormat = new Intl.NumberFormat(intlTag);
  const lists = { conjunction: new Intl.ListFormat(intlTag, { type: "conjunction" }), disjunction: new Intl.ListFormat(intlTag, { type: "disjunction" }) };
  const messageOf = (key: string): FormatMessage => {
    let message = messages.get(key);
    if (!message) {
      const text = catalog[key];
      if (text === undefined) throw new Error(`no message "${key}" in the ${locale} catalog`);
      message = compileMessage(new IntlMessageFormat(text, intlTag));
      messages.set(key, message);
    }
    return message;
  };
  return {
    locale,
    t: (key, values) => messageOf(key)(values),
    money: moneyWriter(intlTag),
    number: (value) => numberFormat.format(value),
    // Intl gives no item back as "" and one item as it is, whatever the language: no need to ask it.
    list: (items, type = "conjunction") => (items.length === 0 ? "" : items.length === 1 ? items[0]! : lists[type].format(items)),
  };
}

/** Amounts of one currency kept written, in each language: a request's messages repeat a few. */
const KEPT_AMOUNTS = 64;

/**
 * Amounts as one language writes them. Building an Intl.NumberFormat costs far more than using
 * one, so there is one per currency; using one costs more than filling a message, and a request's
 * messages show the same amounts again and again (the refund in the fields, the explanation, the
 * effects, the approval), so the latest amounts are kept written.
 */
function moneyWriter(intlTag: string): Words["money"] {
  const currencies = new Map<string, { format: Intl.NumberFormat; digits: number; written: Map<number, string> }>();
  return (amount, currency) => {
    let money = currencies.get(currency);
    if (!money) {
      const digits = minorDigits(currency);
      const format = new Intl.NumberFormat(intlTag, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
      money = { format, digits, written: new Map() };
      currencies.set(currency, money);
    }
    // A map takes -0 for 0, which Intl writes with its sign: -0 is written each time.
    if (Object.is(amount, -0)) return money.format.format(amount / 10 ** money.digits);
    let text = money.written.get(amount);
    if (text === undefined) {
      text = money.format.format(amount / 10 ** money.digits);
      if (money.written.size >= KEPT_AMOUNTS) money.written.clear();
      money.written.set(amount, text);
    }
    return text;
  };
}

const WORDS = new Map<Locale, Words>(LOCALES.map((locale) => [locale, createWords(locale, CATALOGS[locale])]));

/** The words of one of the bot's languages, built once per process. */
export function wordsFor(locale: Locale): Words {
  return WORDS.get(locale)!;
}
