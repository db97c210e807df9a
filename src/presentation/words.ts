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
  const moneyFormats = new Map<string, Intl.NumberFormat>();
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
    money(amount, currency) {
      const digits = minorDigits(currency);
      let format = moneyFormats.get(currency);
      if (!format) {
        // Building an Intl.NumberFormat costs far more than using one: one per currency and language.
        format = new Intl.NumberFormat(intlTag, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
        moneyFormats.set(currency, format);
      }
      return format.format(amount / 10 ** digits);
    },
    number: (value) => numberFormat.format(value),
    // Intl gives no item back as "" and one item as it is, whatever the language: no need to ask it.
    list: (items, type = "conjunction") => (items.length === 0 ? "" : items.length === 1 ? items[0]! : lists[type].format(items)),
  };
}

const WORDS = new Map<Locale, Words>(LOCALES.map((locale) => [locale, createWords(locale, CATALOGS[locale])]));

/** The words of one of the bot's languages, built once per process. */
export function wordsFor(locale: Locale): Words {
  return WORDS.get(locale)!;
}
