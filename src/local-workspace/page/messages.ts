import type { Snapshot } from "../snapshot";
import { renderBlocks, type Json } from "./blocks";
import { h } from "./dom";
import { textNode, type Names } from "./mrkdwn-dom";

export type Message = Snapshot["channels"][number]["messages"][number];

export interface MessageHandlers {
  names: Names;
  botId: string;
  onClick(message: Message, element: Json, block: Json, change?: Json): void;
  onOpenThread?(message: Message): void;
  fileUrl(id: string): string;
}

const time = (ts: string) => new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });

/** One message: who, when, its blocks (or text), its files, "only visible to you", its replies. */
export function renderMessage(message: Message, replies: number, handlers: MessageHandlers): HTMLElement {
  const who = handlers.names.users[message.user] ?? message.user;
  const isBot = message.user === handlers.botId || message.user === "USLACKBOT";
  const content = message.blocks?.length
    ? renderBlocks(message.blocks, { names: handlers.names, onAction: (element, block, change) => handlers.onClick(message, element, block, change) })
    : h("div", { class: "bk-text" }, textNode({ type: "mrkdwn", text: message.text }, handlers.names));
  return h(
    "article",
    { class: `message${message.ephemeral ? " ephemeral" : ""}`, "aria-label": `Message from ${who}`, "data-ts": message.ts },
    h("div", { class: "avatar", "aria-hidden": "true" }, who.slice(0, 1)),
    h(
      "div",
      { class: "message-main" },
      h("div", { class: "message-meta" }, h("strong", {}, who), isBot ? h("span", { class: "app-badge" }, "APP") : null, h("time", { datetime: new Date(Number(message.ts) * 1000).toISOString() }, time(message.ts)), message.edited ? h("span", { class: "edited" }, "(edited)") : null),
      content,
      message.files.length ? h("div", { class: "files" }, message.files.map((f) => h("a", { class: "file", href: handlers.fileUrl(f.id), download: f.name }, `📎 ${f.title}`))) : null,
      message.ephemeral ? h("div", { class: "ephemeral-note" }, "👁 Only visible to you") : null,
      replies > 0 && handlers.onOpenThread ? h("button", { type: "button", class: "replies", onclick: () => handlers.onOpenThread!(message) }, `${replies} ${replies === 1 ? "reply" : "replies"}`) : null,
    ),
  );
}

/** A channel's messages, oldest first, replies counted under their message (they show in the thread). */
export function renderHistory(messages: readonly Message[], handlers: MessageHandlers): HTMLElement[] {
  const top = messages.filter((m) => !m.threadTs || m.threadTs === m.ts);
  return top.map((m) => renderMessage(m, messages.filter((r) => r.threadTs === m.ts && r.ts !== m.ts).length, handlers));
}
