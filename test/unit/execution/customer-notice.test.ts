import { readdirSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseNoticeLocale, NOTICE_LOCALES, renderNotice, TemplateError } from "../../../src/domain/customer-notice";
import { REASONS } from "../../../src/domain/request";
import { DEFAULT_NOTICE_TEMPLATES_DIR, NoticeTemplates } from "../../../src/providers/notice-templates";

describe("the notice's language (Q6)", () => {
  it.each([
    ["zh-TW", "zh-TW"], ["zh-Hant", "zh-TW"], ["zh-Hant-TW", "zh-TW"], ["zh-HK", "zh-TW"], ["zh_MO", "zh-TW"],
    ["zh-CN", "zh-CN"], ["zh-Hans", "zh-CN"], ["zh-Hans-SG", "zh-CN"], ["zh-SG", "zh-CN"], ["zh", "zh-CN"],
    ["ja", "ja"], ["ja-JP", "ja"], ["JA-jp", "ja"],
    ["en", "en"], ["en-US", "en"], ["en-GB", "en"],
    ["fr-FR", "en"], ["ko-KR", "en"], ["", "en"], [undefined, "en"],
  ])("%s ⇒ %s", (tag, locale) => {
    expect(chooseNoticeLocale(tag)).toBe(locale);
  });
});

describe("rendering a template", () => {
  it("fills the placeholders in the subject and the body", () => {
    expect(renderNotice("Subject: Order {{orderId}}\n\nRefunded {{ amount }}.\n", { orderId: "A1", amount: "NT$1,200" })).toEqual({ subject: "Order A1", body: "Refunded NT$1,200." });
  });

  it("refuses an unknown placeholder rather than sending {{…}} to a customer", () => {
    expect(() => renderNotice("Subject: x\n\nHello {{name}}", {})).toThrow(TemplateError);
  });

  it("needs the Subject line and the blank line after it", () => {
    expect(() => renderNotice("Hello", {})).toThrow(/Subject/);
  });

  it("accepts Windows line ends and a byte-order mark, as an editor may save them", () => {
    expect(renderNotice("\uFEFFSubject: S\r\n\r\nBody\r\n", {})).toEqual({ subject: "S", body: "Body" });
  });
});

describe("the template files (templates/notices)", () => {
  const templates = new NoticeTemplates();
  const files = readdirSync(DEFAULT_NOTICE_TEMPLATES_DIR);

  it("exist for every kind in every locale, with every reason translated", async () => {
    for (const locale of NOTICE_LOCALES) {
      for (const kind of ["cancel", "refund", "return", "manual_refund"]) expect(files, `${kind}.${locale}.txt`).toContain(`${kind}.${locale}.txt`);
      const reasons = await templates.reasons(locale);
      expect(Object.keys(reasons).sort()).toEqual([...REASONS].sort());
    }
  });

  const cases = NOTICE_LOCALES.flatMap((locale) => (["cancel", "refund", "return", "manual_refund"] as const).map((kind) => [kind, locale] as const));
  it.each(cases)("%s in %s renders with the order, the amount in the buyer's format and the reason", async (kind, locale) => {
    const tag = { en: "en-US", "zh-TW": "zh-Hant-TW", "zh-CN": "zh-CN", ja: "ja-JP" }[locale];
    const notice = await templates.render({ kind, buyerLocale: tag, orderId: "CB1001", amount: 1200, currency: "TWD", reason: "out_of_stock" });
    expect(notice.locale).toBe(locale);
    expect(notice.subject).toContain("CB1001");
    expect(notice.body).toContain("CB1001");
    expect(notice.body).toMatch(/1,200/);
    expect(notice.body).toContain((await templates.reasons(locale)).out_of_stock);
    expect(`${notice.subject}${notice.body}`).not.toMatch(/\{\{|\}\}/);
  });

  it("writes the amount as the buyer's locale does", async () => {
    const body = async (buyerLocale: string, amount: number, currency: string) => (await templates.render({ kind: "refund", buyerLocale, orderId: "X", amount, currency, reason: "other" })).body;
    expect(await body("en", 1200, "TWD")).toContain("NT$1,200");
    expect(await body("zh-TW", 1200, "TWD")).toContain("$1,200");
    expect(await body("ja-JP", 5800, "JPY")).toMatch(/[￥¥]5,800/);
    expect(await body("en-US", 5800, "JPY")).toContain("¥5,800");
  });

  it("falls back to English for a kind missing in the buyer's locale", async () => {
    const dir = await mkdtemp(join(tmpdir(), "notices-"));
    await writeFile(join(dir, "refund.en.txt"), "Subject: Refund {{orderId}}\n\n{{amount}} ({{reason}})\n");
    await writeFile(join(dir, "reasons.en.txt"), "other = other reasons\n");
    const notice = await new NoticeTemplates(dir).render({ kind: "refund", buyerLocale: "ja-JP", orderId: "Q1", amount: 5800, currency: "JPY", reason: "other" });
    expect(notice).toMatchObject({ locale: "en", subject: "Refund Q1" });
    expect(notice.body).toContain("other reasons");
  });
});
