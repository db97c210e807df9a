/** The languages the bot speaks. A catalog folder exists for each (src/presentation/catalog/<locale>/). */
export const LOCALES = ["en", "zh-TW", "zh-CN", "ja"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The catalog for a BCP 47 tag as Slack, LANG or a config file gives it (`ja-JP`, `zh_TW.UTF-8`):
 * Taiwan and Hong Kong read Traditional Chinese, every other Chinese reads Simplified, any Japanese
 * reads Japanese, and anything else English.
 */
export function matchLocale(tag: string | null | undefined): Locale {
  if (!tag) return DEFAULT_LOCALE;
  const normalized = tag.split(".")[0]!.replaceAll("_", "-").toLowerCase();
  const [language, ...rest] = normalized.split("-");
  if (language === "ja") return "ja";
  if (language === "zh") return rest.some((part) => part === "tw" || part === "hk" || part === "hant" || part === "mo") ? "zh-TW" : "zh-CN";
  return "en";
}
