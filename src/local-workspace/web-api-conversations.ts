import { fail, str, type Answer, type Args, type MethodContext } from "./web-api-context";
import { messageJson } from "./web-api-message";

/** The conversations methods of Slack's Web API the bot calls: a channel, its members, its history. */
export function conversationsMethod(method: string, args: Args, ctx: MethodContext): Answer | undefined {
  const { state } = ctx;
  const channelArg = str(args.channel);
  switch (method) {
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
