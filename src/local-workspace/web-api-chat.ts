import { checkBlocks } from "./block-kit-check";
import { fail, jsonField, str, type Answer, type Args, type MethodContext } from "./web-api-context";
import type { StoredMessage } from "./workspace-types";

/** A message as conversations.history and chat answers show it. */
export function messageJson(m: StoredMessage, ctx: MethodContext): Record<string, unknown> {
  return {
    type: "message",
    ts: m.ts,
    user: m.user,
    text: m.text,
    ...(m.user === ctx.bot.userId ? { bot_id: ctx.bot.botId, app_id: ctx.bot.appId } : {}),
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(m.files ? { files: m.files } : {}),
    ...(m.editedTs ? { edited: { user: m.user, ts: m.editedTs } } : {}),
  };
}

/** The text and blocks of a chat call, or the error Slack gives for them. */
function content(args: Args): { text: string; blocks?: unknown[] } | Answer {
  const blocks = args.blocks === undefined ? undefined : jsonField(args.blocks);
  const text = typeof args.text === "string" ? args.text : "";
  if (blocks === undefined && text === "") return fail("no_text");
  if (blocks === undefined) return { text };
  const problems = checkBlocks(blocks, "message");
  if (problems.length > 0) return fail("invalid_blocks", { errors: problems, response_metadata: { messages: problems } });
  return { text, blocks: blocks as unknown[] };
}

const isAnswer = (value: object): value is Answer => "ok" in value;

export function chatMethod(method: string, args: Args, ctx: MethodContext): Answer | undefined {
  const { state } = ctx;
  const channelArg = str(args.channel);
  if (!ctx.keep) {
    if (method === "chat.postMessage") return { ok: true, channel: channelArg, ts: state.nextTs(), message: { text: args.text } };
    if (method === "chat.update") return { ok: true, channel: channelArg, ts: args.ts, text: args.text };
    if (method === "chat.postEphemeral") return { ok: true, message_ts: state.nextTs() };
    if (method === "conversations.open") return { ok: true, channel: { id: `D${String(args.users ?? "").replace(/^[UW]/, "")}` } };
  }
  switch (method) {
    case "chat.postMessage": {
      const channel = channelArg && state.resolveChannel(channelArg);
      if (!channel) return fail("channel_not_found");
      const body = content(args);
      if (isAnswer(body)) return body;
      const threadTs = str(args.thread_ts);
      const message = state.addMessage({ channel: channel.id, ts: state.nextTs(), user: ctx.bot.userId, ...body, ...(threadTs ? { threadTs } : {}) });
      return { ok: true, channel: channel.id, ts: message.ts, message: messageJson(message, ctx) };
    }
    case "chat.update": {
      const channel = channelArg && state.resolveChannel(channelArg);
      if (!channel) return fail("channel_not_found");
      const message = state.message(channel.id, String(args.ts ?? ""));
      if (!message) return fail("message_not_found");
      if (message.user !== ctx.bot.userId) return fail("cant_update_message");
      const body = content(args);
      if (isAnswer(body)) return body;
      state.updateMessage(message, body);
      return { ok: true, channel: channel.id, ts: message.ts, text: message.text, message: messageJson(message, ctx) };
    }
    case "chat.delete": {
      const channel = channelArg && state.resolveChannel(channelArg);
      const message = channel && state.message(channel.id, String(args.ts ?? ""));
      if (!channel) return fail("channel_not_found");
      if (!message) return fail("message_not_found");
      state.deleteMessage(message);
      return { ok: true, channel: channel.id, ts: message.ts };
    }
    case "chat.postEphemeral": {
      const channel = channelArg && state.resolveChannel(channelArg);
      if (!channel) return fail("channel_not_found");
      const user = str(args.user);
      if (!user) return fail("user_not_found");
      state.ensurePerson(user);
      const body = content(args);
      if (isAnswer(body)) return body;
      const threadTs = str(args.thread_ts);
      const message = state.addMessage({ channel: channel.id, ts: state.nextTs(), user: ctx.bot.userId, visibleTo: user, ...body, ...(threadTs ? { threadTs } : {}) });
      return { ok: true, message_ts: message.ts };
    }
    case "conversations.open": {
      const users = String(args.users ?? "").split(",").filter(Boolean);
      if (users.length !== 1) return fail(users.length === 0 ? "users_list_not_supplied" : "not_implemented");
      return { ok: true, channel: { id: state.imWith(users[0]!).id } };
    }
    case "conversations.info": {
      const channel = channelArg && state.resolveChannel(channelArg);
      if (!channel) return fail("channel_not_found");
      return { ok: true, channel: { id: channel.id, name: channel.name, is_channel: !channel.isIm, is_im: Boolean(channel.isIm), is_member: true, ...(channel.user ? { user: channel.user } : {}) } };
    }
    case "conversations.list":
      return { ok: true, channels: [...state.channels.values()].filter((c) => !c.isIm).map((c) => ({ id: c.id, name: c.name, is_channel: true, is_member: true })), response_metadata: { next_cursor: "" } };
    case "conversations.members": {
      const channel = channelArg && state.resolveChannel(channelArg);
      if (!channel) return fail("channel_not_found");
      return { ok: true, members: state.channelMembers.get(channel.id) ?? [...state.people.keys()], response_metadata: { next_cursor: "" } };
    }
    case "conversations.history": {
      const channel = channelArg && state.resolveChannel(channelArg);
      if (!channel) return fail("channel_not_found");
      const limit = Math.min(Number(args.limit ?? 100) || 100, 1000);
      const top = state.history(channel.id).filter((m) => !m.visibleTo && (!m.threadTs || m.threadTs === m.ts));
      return { ok: true, messages: top.slice(-limit).reverse().map((m) => messageJson(m, ctx)), has_more: top.length > limit };
    }
    case "conversations.replies": {
      const channel = channelArg && state.resolveChannel(channelArg);
      if (!channel) return fail("channel_not_found");
      const ts = String(args.ts ?? "");
      const parent = state.message(channel.id, ts);
      if (!parent) return fail("thread_not_found");
      const replies = state.history(channel.id).filter((m) => !m.visibleTo && m.threadTs === ts && m.ts !== ts);
      return { ok: true, messages: [parent, ...replies].map((m) => messageJson(m, ctx)), has_more: false };
    }
    default:
      return undefined;
  }
}
