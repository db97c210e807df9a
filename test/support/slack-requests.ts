import { createHmac, randomUUID } from "node:crypto";

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-test-token";

/** Slack's request signature: v0= hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function slackSignature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  signature?: string;
}

/** Sends a form-encoded body to the bot's /slack/events exactly as Slack does. */
export async function postToSlackEvents(baseUrl: string, form: Record<string, string>, options: SendOptions = {}): Promise<Response> {
  const body = new URLSearchParams(form).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? slackSignature(body, timestamp, options.secret),
    },
    body,
  });
}

export interface CommandOptions {
  command: "/refund" | "/cancel";
  text: string;
  userId?: string;
  channelId?: string;
  responseUrl: string;
}

export function slashCommand({ command, text, userId = "U0AGENT", channelId = "C0SUPPORT", responseUrl }: CommandOptions): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: "T0FAKE",
    team_domain: "fake",
    channel_id: channelId,
    channel_name: "support",
    user_id: userId,
    user_name: "agent",
    command,
    text,
    api_app_id: "A0APP",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `trigger.${randomUUID()}`,
  };
}

/** What every interaction payload from the fake workspace carries: its type, team, user, app and a fresh trigger id. */
function interactionEnvelope(type: "view_submission" | "block_actions", userId: string, username: string) {
  return {
    type,
    team: { id: "T0FAKE", domain: "fake" },
    user: { id: userId, username, name: username, team_id: "T0FAKE" },
    api_app_id: "A0APP",
    token: "legacy-verification-token",
    trigger_id: `trigger.${randomUUID()}`,
  };
}

/** A view as Slack sends it back: the view the bot opened, with ids and the user's input in `state`. */
export function viewSubmission(view: Record<string, unknown>, values: Record<string, Record<string, unknown>>, userId = "U0AGENT"): Record<string, string> {
  const payload = {
    ...interactionEnvelope("view_submission", userId, "agent"),
    view: { id: `V${randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`, team_id: "T0FAKE", app_id: "A0APP", bot_id: "B0BOT", hash: "hash-1", ...view, state: { values } },
    response_urls: [],
    is_enterprise_install: false,
  };
  return { payload: JSON.stringify(payload) };
}

export function blockAction(view: Record<string, unknown>, action: Record<string, unknown>, userId = "U0AGENT"): Record<string, string> {
  const payload = {
    ...interactionEnvelope("block_actions", userId, "agent"),
    container: { type: "view", view_id: view.id },
    view: { team_id: "T0FAKE", app_id: "A0APP", bot_id: "B0BOT", state: { values: {} }, ...view },
    actions: [{ action_ts: String(Date.now() / 1000), ...action }],
    is_enterprise_install: false,
  };
  return { payload: JSON.stringify(payload) };
}

/** A message the bot posted, as the fake Slack recorded it (its ts is in the answer when posted, in the body when updated). */
export interface PostedMessage {
  body: Record<string, unknown>;
  response?: Record<string, unknown>;
}

/**
 * A click on a button of a posted message, as Slack sends it: a signed block_actions payload.
 * Undefined when the message has no button with that action id.
 */
export function messageButtonClick(message: PostedMessage, actionId: string, { userId, channel, responseUrl }: { userId: string; channel: string; responseUrl: string }): Record<string, string> | undefined {
  const blocks = message.body.blocks as { block_id?: string; elements?: { action_id?: string; value?: string }[] }[] | undefined;
  const block = blocks?.find((b) => b.elements?.some((e) => e.action_id === actionId));
  const button = block?.elements?.find((e) => e.action_id === actionId);
  if (!block || !button) return undefined;
  const ts = String(message.body.ts ?? message.response?.ts);
  const payload = {
    ...interactionEnvelope("block_actions", userId, "someone"),
    container: { type: "message", message_ts: ts, channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: channel.toLowerCase() },
    message: { type: "message", ts, text: message.body.text, blocks },
    response_url: responseUrl,
    actions: [{ type: "button", action_id: actionId, block_id: block.block_id, value: button.value, text: { type: "plain_text", text: "x" }, action_ts: String(Date.now() / 1000) }],
    is_enterprise_install: false,
  };
  return { payload: JSON.stringify(payload) };
}
