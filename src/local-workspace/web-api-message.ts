import type { MethodContext } from "./web-api-context";
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
