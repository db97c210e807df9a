import { EMOJI } from "../emoji";
import { formatSlackDate, parseMrkdwn, type Inline } from "../mrkdwn";
import { h } from "./dom";

export interface Names {
  users: Record<string, string>;
  channels: Record<string, string>;
}

function nodes(pieces: readonly Inline[], names: Names): Node[] {
  return pieces.map((p): Node => {
    switch (p.t) {
      case "text":
        return document.createTextNode(p.v);
      case "b":
        return h("strong", {}, nodes(p.c, names));
      case "i":
        return h("em", {}, nodes(p.c, names));
      case "s":
        return h("del", {}, nodes(p.c, names));
      case "quote":
        return h("blockquote", {}, nodes(p.c, names));
      case "code":
        return h("code", {}, p.v);
      case "pre":
        return h("pre", {}, p.v);
      case "br":
        return h("br");
      case "link":
        return h("a", { href: /^(https?|mailto):/i.test(p.url) ? p.url : "#", target: "_blank", rel: "noopener noreferrer" }, p.label);
      case "user":
        return h("span", { class: "mention" }, `@${names.users[p.id] ?? p.id}`);
      case "channel":
        return h("span", { class: "mention" }, `#${p.name ?? names.channels[p.id] ?? p.id}`);
      case "date": {
        // In the reader's own time zone, as Slack shows it: the browser's.
        const text = formatSlackDate(p.seconds, p.format, new Date());
        return h("time", { datetime: new Date(p.seconds * 1000).toISOString(), title: p.fallback }, text);
      }
      case "mention":
        return h("span", { class: "mention" }, `@${p.name}`);
      case "emoji":
        return h("span", { class: "emoji", title: `:${p.name}:`, role: "img", "aria-label": p.name.replaceAll("_", " ") }, p.char);
    }
  });
}

/** A text object (mrkdwn or plain_text) as page content. */
export function textNode(text: unknown, names: Names): HTMLElement {
  const object = (text ?? {}) as { type?: string; text?: string };
  const value = typeof object.text === "string" ? object.text : "";
  if (object.type !== "mrkdwn") return h("span", {}, value.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole));
  return h("span", { class: "mrkdwn" }, nodes(parseMrkdwn(value), names));
}

/** Plain text of a text object, for names and labels. */
export const plainText = (text: unknown): string => String(((text ?? {}) as { text?: string }).text ?? "");
