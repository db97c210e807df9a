import { checkBlocks } from "./block-kit-check";
import { fail, jsonField, str, type Answer, type Args, type MethodContext } from "./web-api-context";
import { conversationsMethod } from "./web-api-conversations";
import { messageJson } from "./web-api-message";

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

/** What a call gets when the workspace keeps nothing (its messages are not stored): Slack's shape, no state. */
function unkeptAnswer(method: string, args: Args, ctx: MethodContext): Answer | undefined {
  const channel = str(args.channel);
  if (method === "chat.postMessage") return { ok: true, channel, ts: ctx.state.nextTs(), message: { text: args.text } };
  if (method === "chat.update") return { ok: true, channel, ts: args.ts, text: args.text };
  if (method === "chat.postEphemeral") return { ok: true, message_ts: ctx.state.nextTs() };
  if (method === "conversations.open") return { ok: true, channel: { id: `D${String(args.users ?? "").replace(/^[UW]/, "")}` } };
  return undefined;
}

/** chat.postMessage, chat.update, chat.delete and chat.postEphemeral, as Slack answers them. */
function chatWrite(method: string, args: Args, ctx: MethodContext): Answer | undefined {
  const { state } = ctx;
  const channelArg = str(args.channel);
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
    default:
      return undefined;
  }
}

/** The chat and conversations methods of Slack's Web API the bot calls; undefined for any other. */
export function chatMethod(method: string, args: Args, ctx: MethodContext): Answer | undefined {
  if (!ctx.keep) {
    const answer = unkeptAnswer(method, args, ctx);
    if (answer) return answer;
  }
  return chatWrite(method, args, ctx) ?? conversationsMethod(method, args, ctx);
}
