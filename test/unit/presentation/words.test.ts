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
