/**
 * The customer notice's language (Q6) and its rendering from a template. Pure: the templates are
 * read by the shell (src/execution/notice-templates.ts) and passed in as text.
 */

/** The locales every notice template exists in; `en` is the fallback. */
export const NOTICE_LOCALES = ["en", "zh-TW", "zh-CN", "ja"] as const;
export type NoticeLocale = (typeof NOTICE_LOCALES)[number];

/** Traditional-script regions and the script subtag say zh-TW; Simplified ones, or a bare `zh`, say zh-CN. */
const TRADITIONAL_REGIONS = new Set(["TW", "HK", "MO"]);

/**
 * The template locale for a buyer's BCP 47 tag: `zh-Hant*`, `zh-TW`, `zh-HK`, `zh-MO` ⇒ zh-TW;
 * `zh-Hans*`, `zh-CN`, `zh-SG`, `zh` ⇒ zh-CN; `ja*` ⇒ ja; `en*`, unknown or absent ⇒ en.
 */
export function chooseNoticeLocale(tag: string | undefined): NoticeLocale {
  if (!tag) return "en";
  const parts = tag.trim().split(/[-_]/).filter(Boolean);
  const language = parts[0]?.toLowerCase();
  const rest = parts.slice(1);
  if (language === "ja") return "ja";
  if (language === "zh") {
    const script = rest.find((part) => part.length === 4)?.toLowerCase();
    if (script === "hant") return "zh-TW";
    if (script === "hans") return "zh-CN";
    const region = rest.find((part) => part.length === 2)?.toUpperCase();
    return region && TRADITIONAL_REGIONS.has(region) ? "zh-TW" : "zh-CN";
  }
  return "en";
}

export interface RenderedNotice {
  subject: string;
  body: string;
}

export class TemplateError extends Error {}

/**
 * A template file: a first line `Subject: …`, a blank line, then the body. `{{name}}` is replaced
 * by `vars[name]`; a placeholder with no value is an error, so a typo in an edited template is
 * caught instead of reaching a customer.
 */
export function renderNotice(template: string, vars: Readonly<Record<string, string>>): RenderedNotice {
  const text = template.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const match = /^Subject:[ \t]*(.*)\n\n([\s\S]*)$/.exec(text);
  if (!match) throw new TemplateError('expected a first line "Subject: …", then a blank line, then the body');
  const fill = (part: string) =>
    part.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_all, name: string) => {
      const value = vars[name];
      if (value === undefined) throw new TemplateError(`unknown placeholder {{${name}}}`);
      return value;
    });
  return { subject: fill(match[1]!).trim(), body: fill(match[2]!).trim() };
}

/** An amount as the buyer's locale writes it: 1200 TWD ⇒ "NT$1,200" (en) or "$1,200" (zh-TW); 5800 JPY ⇒ "￥5,800" (ja). */
export function formatNoticeAmount(amount: number, currency: string, locale: NoticeLocale, minorDigits: number): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: minorDigits, maximumFractionDigits: minorDigits }).format(amount / 10 ** minorDigits);
}
