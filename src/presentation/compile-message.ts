import { TYPE, type MessageFormatElement, type SelectElement } from "@formatjs/icu-messageformat-parser";
import type { IntlMessageFormat } from "intl-messageformat";
import type { MessageValues } from "./words";

/** A catalog message, ready to fill. */
export type FormatMessage = (values?: MessageValues) => string;

/** Text, or a placeholder that gives its text, or undefined where only IntlMessageFormat knows what to write. */
type Part = string | ((values: MessageValues) => string | undefined);

/**
 * A message as a function. IntlMessageFormat#format builds a list of parts and looks up memoized
 * formatters by a JSON key on every call, which a message of plain text, `{name}` placeholders and
 * selects never needs: such a message is joined directly, writing each value as IntlMessageFormat
 * would. Anything else (a missing value, an unusual one, plural, number or date formats) is left
 * to IntlMessageFormat itself, so the text and the errors are always its own.
 */
export function compileMessage(message: IntlMessageFormat): FormatMessage {
  const slow: FormatMessage = (values) => String(message.format(values));
  const parts = compileElements(message.getAst());
  if (parts === undefined) return slow;
  if (parts.every((part) => typeof part === "string")) {
    const text = parts.join("");
    return () => text;
  }
  return (values) => (values === undefined ? undefined : join(parts, values)) ?? slow(values);
}

function compileElements(elements: readonly MessageFormatElement[]): Part[] | undefined {
  const parts: Part[] = [];
  for (const element of elements) {
    if (element.type === TYPE.literal) parts.push(element.value);
    else if (element.type === TYPE.argument) parts.push(argument(element.value));
    else if (element.type === TYPE.select) {
      const part = select(element);
      if (part === undefined) return undefined;
      parts.push(part);
    } else return undefined;
  }
  return parts;
}

function join(parts: readonly Part[], values: MessageValues): string | undefined {
  let text = "";
  for (const part of parts) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    const filled = part(values);
    if (filled === undefined) return undefined;
    text += filled;
  }
  return text;
}

/**
 * `{name}` as IntlMessageFormat writes it: a string as it is, a number through String() (no
 * grouping: that is `{name, number}`), null, undefined and false as nothing. It keeps any other
 * value (true, a date) as an object part, and throws on a missing one: both are left to it.
 */
function argument(name: string): Part {
  return (values) => {
    if (!(name in values)) return undefined;
    const value = values[name];
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
    return value === null || value === undefined || value === false ? "" : undefined;
  };
}

/**
 * `{name, select, …}` as IntlMessageFormat picks: the option named by the value as a property key
 * (which is its String()), else `other`; a missing value, or no option to pick, is left to it.
 */
function select(element: SelectElement): Part | undefined {
  const options = new Map<string, Part[]>();
  for (const [key, option] of Object.entries(element.options)) {
    const parts = compileElements(option.value);
    if (parts === undefined) return undefined;
    options.set(key, parts);
  }
  const other = options.get("other");
  const name = element.value;
  return (values) => {
    if (!(name in values)) return undefined;
    const picked = options.get(String(values[name])) ?? other;
    return picked === undefined ? undefined : join(picked, values);
  };
}
