import { inlineText, parseMrkdwn, type TextNames } from "./mrkdwn";
import type { WorkspaceState } from "./workspace-state";
import type { StoredMessage } from "./workspace-types";

type Json = Record<string, unknown>;

function textOf(value: unknown, names: TextNames): string {
  if (typeof value !== "object" || value === null) return "";
  const { type, text } = value as Json;
  if (typeof text !== "string") return "";
  return type === "mrkdwn" ? inlineText(parseMrkdwn(text), names) : text;
}

function elementText(element: Json, names: TextNames): string {
  if (element.type === "button") return `[${textOf(element.text, names)}]`;
  if (element.type === "image") return "";
  return textOf(element, names);
}

/** Blocks as the lines a reader sees: texts, fields, context, buttons as [Label]. */
export function blocksText(blocks: readonly unknown[], names: TextNames): string[] {
  const lines: string[] = [];
  for (const block of blocks as Json[]) {
    switch (block.type) {
      case "header":
      case "section": {
        if (block.text) lines.push(textOf(block.text, names));
        const fields = Array.isArray(block.fields) ? (block.fields as unknown[]).map((f) => textOf(f, names).replace("\n", ": ")) : [];
        if (fields.length) lines.push(fields.join(" · "));
        if (block.accessory) lines.push(elementText(block.accessory as Json, names));
        break;
      }
      case "context":
        lines.push(((block.elements ?? []) as Json[]).map((e) => elementText(e, names)).filter(Boolean).join(" "));
        break;
      case "actions":
        lines.push(((block.elements ?? []) as Json[]).map((e) => elementText(e, names)).join(" "));
        break;
      case "divider":
        lines.push("---");
        break;
    }
  }
  return lines.flatMap((line) => line.split("\n")).filter((line) => line.trim() !== "");
}

function messageLines(message: StoredMessage, state: WorkspaceState, names: TextNames): string[] {
  const who = state.person(message.user)?.realName ?? message.user;
  const text = message.blocks?.length ? blocksText(message.blocks, names) : inlineText(parseMrkdwn(message.text), names).split("\n");
  const body = [...text.filter((line) => line.trim() !== ""), ...(message.files ?? []).map((file) => `📎 ${file.title}`)];
  const [first = "", ...rest] = body;
  const edited = message.editedTs ? " (edited)" : "";
  return [`${who}${edited}: ${first}`, ...rest.map((line) => `  ${line}`)];
}

/**
 * A channel as text, oldest first, each thread's replies under their message: what the scripted
 * demo prints. Ephemeral messages are left out (only their person saw them), unless `as` is that person.
 */
export function channelTranscript(state: WorkspaceState, channelId: string, names: TextNames, options: { sinceTs?: string; as?: string } = {}): string {
  const channel = state.channels.get(channelId);
  const visible = state.history(channelId).filter((m) => (!m.visibleTo || m.visibleTo === options.as) && (!options.sinceTs || m.ts >= options.sinceTs));
  const lines = [`#${channel?.name ?? channelId}`];
  for (const message of visible) {
    if (message.threadTs && message.threadTs !== message.ts) continue;
    lines.push(...messageLines(message, state, names).map((line) => `  ${line}`));
    for (const reply of visible.filter((m) => m.threadTs === message.ts && m.ts !== message.ts)) {
      lines.push(...messageLines(reply, state, names).map((line, i) => `      ${i === 0 ? "↳ " : "  "}${line}`));
    }
  }
  return lines.join("\n");
}
