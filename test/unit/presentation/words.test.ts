import { afterEach, describe, expect, it, vi } from "vitest";
import { CATALOGS, createWords, LOCALES, wordsFor } from "../../../src/presentation/index";

const INTL_TAGS = { en: "en-US", "zh-TW": "zh-TW", "zh-CN": "zh-CN", ja: "ja-JP" } as const;

afterEach(() => vi.restoreAllMocks());

describe("words.list", () => {
  it.each(LOCALES)("in %s, joins lists of any length as Intl.ListFormat does", (locale) => {
    for (const type of ["conjunction", "disjunction"] as const) {
      const intl = new Intl.ListFormat(INTL_TAGS[locale], { type });
      for (const items of [[], ["<@U0A>"], ["<@U0A>", "<@U0B>"], ["a", "b", "c"]]) expect(wordsFor(locale).list(items, type), `${type} ${items.length}`).toBe(intl.format(items));
    }
  });

  it("asks Intl only for two items or more", () => {
    const words = createWords("en", CATALOGS.en);
    const format = vi.spyOn(Intl.ListFormat.prototype, "format");
    expect([words.list([]), words.list(["<@U0A>"])]).toEqual(["", "<@U0A>"]);
    expect(format).not.toHaveBeenCalled();
    expect(words.list(["<@U0A>", "<@U0B>"])).toBe("<@U0A> and <@U0B>");
    expect(format).toHaveBeenCalledTimes(1);
  });
});

describe("words.money", () => {
  it.each(LOCALES)("in %s, writes any amount as Intl.NumberFormat does, however often it is asked", (locale) => {
    const words = createWords(locale, CATALOGS[locale]);
    const intl = (currency: string, digits: number) => new Intl.NumberFormat(INTL_TAGS[locale], { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    const formats = { TWD: intl("TWD", 0), JPY: intl("JPY", 0), USD: intl("USD", 2) };
    const amounts = [800, 0, -0, 800, -0, 0, 1, -150, 1234567, 1050, Number.NaN, ...Array.from({ length: 150 }, (_, i) => i * 37), 800, -0];
    for (const round of [1, 2]) {
      for (const amount of amounts) {
        expect(words.money(amount, "TWD"), `${round}: ${amount} TWD`).toBe(formats.TWD.format(amount));
        expect(words.money(amount, "JPY"), `${round}: ${amount} JPY`).toBe(formats.JPY.format(amount));
        expect(words.money(amount, "USD"), `${round}: ${amount} USD`).toBe(formats.USD.format(amount / 100));
      }
    }
  });

  it("writes an amount it wrote lately without asking Intl again, -0 apart", () => {
    const words = createWords("en", CATALOGS.en);
    expect(words.money(800, "TWD")).toBe("NT$800");
    // NumberFormat#format is a getter (it hands back a bound function): each amount written reads it once.
    const format = vi.spyOn(Intl.NumberFormat.prototype as { format: unknown }, "format", "get");
    expect([words.money(800, "TWD"), words.money(800, "TWD")]).toEqual(["NT$800", "NT$800"]);
    expect(format).not.toHaveBeenCalled();
    expect([words.money(-0, "TWD"), words.money(0, "TWD")]).toEqual(["-NT$0", "NT$0"]);
    expect(format).toHaveBeenCalledTimes(2);
  });

  it("throws on a currency Intl does not know, every time", () => {
    const words = createWords("en", CATALOGS.en);
    for (const _ of [1, 2]) expect(() => words.money(100, "NT")).toThrow(RangeError);
  });
});
