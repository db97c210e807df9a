import { z } from "zod";

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

/**
 * Whether a tag names one of the bot's languages, as a setting must: `ja`, `ja-JP`, `zh_TW.UTF-8`,
 * `zh-Hant`, `en-GB`. Any other language would quietly read English, which a team that wrote `fr`
 * did not mean, so a setting refuses it.
 */
export function isSpokenTag(tag: string): boolean {
  if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*(\.[A-Za-z0-9-]+)?$/.test(tag)) return false;
  const language = tag.split(/[-_.]/)[0]!.toLowerCase();
  return language === "en" || language === "zh" || language === "ja";
}

/** A language setting (REFUND_DESK_LOCALE, a channel's `locale`), read as the language it names. */
export const localeSettingSchema = z
  .string()
  .trim()
  .refine(isSpokenTag, { message: "expected en, zh-TW, zh-CN or ja (or a tag of those languages such as ja-JP)" })
  .transform((tag) => matchLocale(tag));
