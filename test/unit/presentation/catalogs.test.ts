import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { CATALOGS, LOCALES, matchLocale, wordsFor } from "../../../src/presentation/index";

/** Every placeholder a message uses, with its kind (`count:plural`, `amount:argument`), sorted. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const visit = (elements: MessageFormatElement[]): void => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      found.add(`${element.value}:${TYPE[element.type]}`);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) visit(option.value);
      if (element.type === TYPE.tag) visit(element.children);
    }
  };
  visit(parse(message));
  return [...found].sort();
}

const english = CATALOGS.en;

describe("the catalogs", () => {
  it.each(LOCALES.filter((locale) => locale !== "en"))("%s has every English key and no other", (locale) => {
    const keys = Object.keys(CATALOGS[locale]);
    expect(Object.keys(english).filter((key) => !keys.includes(key)), "missing").toEqual([]);
    expect(keys.filter((key) => !(key in english)), "unknown").toEqual([]);
  });

  it.each(LOCALES.filter((locale) => locale !== "en"))("%s fills the same placeholders as English", (locale) => {
    const differing = Object.entries(english)
      .filter(([key, message]) => CATALOGS[locale][key] !== undefined && placeholders(CATALOGS[locale][key]!).join() !== placeholders(message).join())
      .map(([key, message]) => `${key}: ${placeholders(message).join()} ≠ ${placeholders(CATALOGS[locale][key]!).join()}`);
    expect(differing).toEqual([]);
  });

  it.each(LOCALES)("%s has no empty message and parses as ICU", (locale) => {
    for (const [key, message] of Object.entries(CATALOGS[locale])) {
      expect(message.trim(), key).not.toBe("");
      expect(() => parse(message), key).not.toThrow();
    }
  });
});

describe("matchLocale", () => {
  it.each([
    ["zh-TW", "zh-TW"],
    ["zh-HK", "zh-TW"],
    ["zh_TW.UTF-8", "zh-TW"],
    ["zh-Hant", "zh-TW"],
    ["zh-CN", "zh-CN"],
    ["zh-SG", "zh-CN"],
    ["zh", "zh-CN"],
    ["ja-JP", "ja"],
    ["ja", "ja"],
    ["en-GB", "en"],
    ["fr-FR", "en"],
    ["C.UTF-8", "en"],
    [undefined, "en"],
  ])("%s reads %s", (tag, locale) => {
    expect(matchLocale(tag)).toBe(locale);
  });
});

describe("words", () => {
  it("formats money in the reader's language and the order's currency", () => {
    expect(wordsFor("en").money(1200, "TWD")).toBe("NT$1,200");
    expect(wordsFor("ja").money(4800, "JPY")).toBe("￥4,800");
    expect(wordsFor("en").money(1050, "USD")).toBe("$10.50");
  });

  it("throws on a key no catalog has, rather than showing it", () => {
    expect(() => wordsFor("ja").t("common.nothing" as never)).toThrow(/common\.nothing/);
  });

  it("says a reason in each language", () => {
    expect(LOCALES.map((locale) => wordsFor(locale).t("common.reason.out_of_stock"))).toEqual(["Out of stock", "無庫存", "无库存", "在庫切れ"]);
  });
});
