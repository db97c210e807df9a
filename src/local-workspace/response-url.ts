import type { WorkspaceState } from "./workspace-state";
import type { ResponseHook } from "./workspace-types";

/** Slack's response URLs: five answers within 30 minutes. */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export function newHook(context: Omit<ResponseHook, "uses" | "until">): ResponseHook {
  return { ...context, uses: 0, until: Date.now() + RESPONSE_URL_LIFETIME_MS };
}

/**
 * What an answer to a response URL does, as Slack does it: replace or delete the message that was
 * clicked, post in the channel, or (the default) an ephemeral message to the person who acted.
 */
export function applyResponse(state: WorkspaceState, hook: ResponseHook, body: Record<string, unknown>, botUserId: string): void {
  const text = typeof body.text === "string" ? body.text : "";
  const blocks = Array.isArray(body.blocks) ? (body.blocks as unknown[]) : undefined;
  const original = hook.channel && hook.messageTs ? state.message(hook.channel, hook.messageTs) : undefined;
  if (original && body.delete_original === true) return state.deleteMessage(original);
  if (original && body.replace_original === true) return void state.updateMessage(original, { text, ...(blocks ? { blocks } : {}) });
  if (!hook.channel || (!text && !blocks)) return;
  const threadTs = typeof body.thread_ts === "string" ? body.thread_ts : undefined;
  state.addMessage({
    channel: hook.channel,
    ts: state.nextTs(),
    user: botUserId,
    text,
    ...(blocks ? { blocks } : {}),
    ...(threadTs ? { threadTs } : {}),
    ...(body.response_type === "in_channel" || !hook.user ? {} : { visibleTo: hook.user }),
  });
}
