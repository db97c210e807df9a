import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { printAST } from "@formatjs/icu-messageformat-parser/printer.js";
import { CATALOGS, createWords, type Words } from "../../src/presentation/index";

/**
 * The pseudo-locale: English with every literal of every message fenced in ⟦ ⟧. Whatever a builder
 * renders with these words that is not fenced, and is not data (an order id, a user, an amount),
 * did not come from the catalog.
 */
function fence(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: element.value.trim() === "" ? element.value : `⟦${element.value}⟧` };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      return { ...element, options: Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: fence(option.value) }])) };
    }
    if (element.type === TYPE.tag) return { ...element, children: fence(element.children) };
    return element;
  });
}

const PSEUDO_CATALOG = Object.fromEntries(Object.entries(CATALOGS.en).map(([key, message]) => [key, printAST(fence(parse(message)))]));

export const pseudoWords: Words = createWords("en", PSEUDO_CATALOG, "en-US");

/** Every string in a Block Kit payload (or any JSON) that a person reads: texts, labels, placeholders, options. */
export function readableStrings(value: unknown, key = ""): string[] {
  if (typeof value === "string") return ["text", "title", "label", "placeholder", "fallback", "hint", "alt_text", "confirm", "deny", "submit", "close"].includes(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => readableStrings(item, key));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => readableStrings(v, typeof v === "string" ? k : k === "text" || k === "title" || k === "label" || k === "placeholder" ? k : ""));
  return [];
}

/** Slack markup and data a builder may show verbatim: mentions, dates, links, ids, amounts, rule ids. */
const DATA = [
  /<[@#!][^>]*>/g, // <@U123>, <#C123>, <!date^…|…>
  /<https?:[^>]*>/g,
  /https?:\/\/\S+/g,
  /`[^`]*`/g, // code spans carry ids and commands
  /\b[A-Z]{1,4}\d[\w-]*\b/g, // order ids, user ids, rule ids: CB1001, U123, C2
  /\b[A-Z]{3}\b/g, // currency codes
];

/**
 * The words a person reads that did not come from the catalog: what is left of each string once the
 * fenced catalog text, the markup, the data given to the builder and punctuation are taken out.
 */
export function wordsOutsideTheCatalog(strings: readonly string[], data: readonly string[] = []): string[] {
  return strings
    .map((text) => {
      let rest = text.replace(/⟦[^⟧]*⟧/g, " ");
      for (const value of [...data].sort((a, b) => b.length - a.length)) rest = rest.replaceAll(value, " ");
      for (const pattern of DATA) rest = rest.replace(pattern, " ");
      return rest.replace(/[^\p{L}]+/gu, " ").trim();
    })
    .filter((rest) => /\p{L}{2,}/u.test(rest));
}
