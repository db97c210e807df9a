import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it, vi } from "vitest";
import { compileMessage } from "../../../src/presentation/compile-message";
import { CATALOGS, LOCALES, type MessageValues } from "../../../src/presentation/index";

const INTL_TAGS = { en: "en-US", "zh-TW": "zh-TW", "zh-CN": "zh-CN", ja: "ja-JP" } as const;

type Value = MessageValues[string];

/** Each placeholder of a message, with the values worth trying in it: every option of a select, plural categories, odd values. */
function placeholders(elements: readonly MessageFormatElement[], found = new Map<string, Value[]>()): Map<string, Value[]> {
  const add = (name: string, values: Value[]) => found.set(name, [...(found.get(name) ?? []), ...values]);
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.argument) add(element.value, ["CB-1001", "", "a & <b>", 0, 1, -2, 1234567.891, Number.NaN, null, undefined, false, true, new Date(0)]);
    if (element.type === TYPE.number || element.type === TYPE.plural) add(element.value, [0, 1, 2, 3, 5, 11, 21, 1000, 1234.5, -1]);
    if (element.type === TYPE.date || element.type === TYPE.time) add(element.value, [new Date(0), 0]);
    if (element.type === TYPE.select) add(element.value, [...Object.keys(element.options), "unlisted", 1, null, true, new Date(0)]);
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) placeholders(option.value, found);
    if (element.type === TYPE.tag) placeholders(element.children, found);
  }
  return found;
}

/** One set of values per value worth trying, the others at their first; then a value missing, then none at all. */
function valueSets(tried: Map<string, Value[]>): Array<MessageValues | undefined> {
  const first: Record<string, Value> = Object.fromEntries([...tried].map(([name, values]) => [name, values[0]]));
  const sets: Array<MessageValues | undefined> = [first];
  for (const [name, values] of tried) for (const value of values) sets.push({ ...first, [name]: value });
  for (const name of tried.keys()) sets.push(Object.fromEntries(Object.entries(first).filter(([other]) => other !== name)));
  sets.push(undefined);
  return sets;
}

/** What IntlMessageFormat itself writes, or the error it throws. */
function outcome(format: () => unknown): { text: string } | { error: string } {
  try {
    return { text: String(format()) };
  } catch (error) {
    return { error: String(error) };
  }
}

describe("compileMessage", () => {
  it.each(LOCALES)("writes every %s message exactly as IntlMessageFormat does, for any values", (locale) => {
    let compared = 0;
    for (const [key, text] of Object.entries(CATALOGS[locale])) {
      const reference = new IntlMessageFormat(text, INTL_TAGS[locale]);
      const compiled = compileMessage(new IntlMessageFormat(text, INTL_TAGS[locale]));
      for (const values of valueSets(placeholders(parse(text)))) {
        expect(outcome(() => compiled(values)), `${key} ${JSON.stringify(values)}`).toEqual(outcome(() => reference.format(values)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(Object.keys(CATALOGS[locale]).length * 3);
  });

  it("joins text, simple placeholders and selects itself, without IntlMessageFormat", () => {
    const message = new IntlMessageFormat("Order {orderId}: {count} left{note}{held, select, yes { ({pending} held)} other {}}", "en-US");
    const format = vi.spyOn(message, "format");
    const compiled = compileMessage(message);
    expect(compiled({ orderId: "CB-1", count: 1200, note: null, held: "no" })).toBe("Order CB-1: 1200 left");
    expect(compiled({ orderId: "CB-1", count: 0, note: "!", held: "yes", pending: "NT$5" })).toBe("Order CB-1: 0 left! (NT$5 held)");
    expect(compileMessage(new IntlMessageFormat("Rules: none yet.", "en-US"))()).toBe("Rules: none yet.");
    expect(format).not.toHaveBeenCalled();
  });

  it("leaves what it does not write itself to IntlMessageFormat: a missing value, a date, a plural", () => {
    const simple = new IntlMessageFormat("At {at}", "en-US");
    const plural = new IntlMessageFormat("{n, plural, one {# item} other {# items}}", "en-US");
    const formats = [vi.spyOn(simple, "format"), vi.spyOn(plural, "format")];
    expect(() => compileMessage(simple)({})).toThrow(/"at" was not provided/);
    expect(compileMessage(simple)({ at: new Date(0) })).toBe(String(new IntlMessageFormat("At {at}", "en-US").format({ at: new Date(0) })));
    expect(compileMessage(plural)({ n: 1200 })).toBe("1,200 items");
    expect(formats.map((format) => format.mock.calls.length)).toEqual([2, 1]);
  });
});
