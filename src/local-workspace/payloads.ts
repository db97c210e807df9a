import { randomUUID } from "node:crypto";

/** Who sends: the workspace's team and the app the payloads are for. */
export interface PayloadSource {
  team: { id: string; domain: string };
  appId: string;
}

export const DEFAULT_SOURCE: PayloadSource = { team: { id: "T0LOCAL", domain: "local" }, appId: "A0LOCAL" };

export interface CommandInput {
  command: string;
  text: string;
  userId: string;
  userName?: string;
  channelId: string;
  channelName?: string;
  responseUrl: string;
  triggerId: string;
}

/** A slash command's form, as Slack posts it to the app. */
export function slashCommandForm(input: CommandInput, source: PayloadSource = DEFAULT_SOURCE): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: source.team.id,
    team_domain: source.team.domain,
    channel_id: input.channelId,
    channel_name: input.channelName ?? "support",
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command,
    text: input.text,
    api_app_id: source.appId,
    is_enterprise_install: "false",
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

/** What every interaction payload carries: its type, team, user, app and trigger id. */
export function interactionEnvelope(type: "view_submission" | "view_closed" | "block_actions", user: { id: string; name?: string }, triggerId: string | undefined, source: PayloadSource = DEFAULT_SOURCE) {
  const name = user.name ?? user.id.toLowerCase();
  return {
    type,
    team: { id: source.team.id, domain: source.team.domain },
    user: { id: user.id, username: name, name, team_id: source.team.id },
    api_app_id: source.appId,
    token: "legacy-verification-token",
    ...(triggerId ? { trigger_id: triggerId } : {}),
  };
}

/** The interaction as the form field Slack posts it in. */
export const asForm = (payload: unknown): Record<string, string> => ({ payload: JSON.stringify(payload) });

/** A view as Slack sends it back on submission: the view the app opened, with the person's input in `state`. */
export function viewSubmissionPayload(view: Record<string, unknown>, values: Record<string, Record<string, unknown>>, user: { id: string; name?: string }, triggerId: string | undefined, source: PayloadSource = DEFAULT_SOURCE) {
  return {
    ...interactionEnvelope("view_submission", user, triggerId, source),
    view: { id: `V${randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`, team_id: source.team.id, app_id: source.appId, hash: "hash-1", ...view, state: { values } },
    response_urls: [],
    is_enterprise_install: false,
  };
}

/** A modal closed by the person, sent when the view asked for it (`notify_on_close`). */
export function viewClosedPayload(view: Record<string, unknown>, user: { id: string; name?: string }, source: PayloadSource = DEFAULT_SOURCE) {
  return { ...interactionEnvelope("view_closed", user, undefined, source), view, is_cleared: false, is_enterprise_install: false };
}

export interface ActionInput {
  action: Record<string, unknown>;
  user: { id: string; name?: string };
  triggerId: string;
  /** A button on a message: where it is, and the response_url for answering the click. */
  message?: { channel: string; channelName?: string; ts: string; text?: string; blocks?: unknown; responseUrl: string; isEphemeral?: boolean };
  /** An element in a modal or on App Home: the view as it is now, its input in `state`. */
  view?: Record<string, unknown>;
}

/** A block_actions payload, as Slack sends a click or a choice. */
export function blockActionsPayload({ action, user, triggerId, message, view }: ActionInput, source: PayloadSource = DEFAULT_SOURCE) {
  return {
    ...interactionEnvelope("block_actions", user, triggerId, source),
    ...(message
      ? {
          container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: Boolean(message.isEphemeral) },
          channel: { id: message.channel, name: message.channelName ?? message.channel.toLowerCase() },
          message: { type: "message", ts: message.ts, text: message.text ?? "", ...(message.blocks ? { blocks: message.blocks } : {}) },
          response_url: message.responseUrl,
        }
      : {}),
    ...(view ? { container: { type: "view", view_id: view.id }, view: { team_id: source.team.id, app_id: source.appId, state: { values: {} }, ...view } } : {}),
    actions: [{ action_ts: String(Date.now() / 1000), ...action }],
    is_enterprise_install: false,
  };
}

/** An Events API callback around `event`. */
export function eventCallback(event: Record<string, unknown>, source: PayloadSource = DEFAULT_SOURCE) {
  return { token: "legacy-verification-token", team_id: source.team.id, api_app_id: source.appId, type: "event_callback", event_id: `Ev${randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`, event_time: Math.floor(Date.now() / 1000), event };
}
