import { randomUUID } from "node:crypto";
import { asForm, blockActionsPayload, slashCommandForm, viewSubmissionPayload, type PayloadSource } from "../../src/local-workspace/payloads";
import { deliverForm, slackSignature as sign, type DeliveryOptions } from "../../src/local-workspace/slack-deliveries";

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-test-token";
const SOURCE: PayloadSource = { team: { id: "T0FAKE", domain: "fake" }, appId: "A0APP" };

/** Slack's request signature, with the tests' secret unless told another. */
export function slackSignature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return sign(body, timestamp, secret);
}

/** Sends a form to the bot's /slack/events exactly as Slack does (signed with the tests' secret unless told otherwise). */
export function postToSlackEvents(baseUrl: string, form: Record<string, string>, options: Partial<DeliveryOptions> = {}): Promise<Response> {
  return deliverForm(`${baseUrl}/slack/events`, form, { secret: SIGNING_SECRET, ...options });
}

export interface CommandOptions {
  command: "/refund" | "/cancel";
  text: string;
  userId?: string;
  channelId?: string;
  responseUrl: string;
  /** A trigger id the workspace gave out; another one cannot open a modal. */
  triggerId?: string;
}

export function slashCommand({ command, text, userId = "U0AGENT", channelId = "C0SUPPORT", responseUrl, triggerId = `trigger.${randomUUID()}` }: CommandOptions): Record<string, string> {
  return slashCommandForm({ command, text, userId, userName: "agent", channelId, channelName: "support", responseUrl, triggerId }, SOURCE);
}

/** A view as Slack sends it back: the view the bot opened, with ids and the user's input in `state`. */
export function viewSubmission(view: Record<string, unknown>, values: Record<string, Record<string, unknown>>, userId = "U0AGENT", triggerId = `trigger.${randomUUID()}`): Record<string, string> {
  return asForm(viewSubmissionPayload({ bot_id: "B0BOT", ...view }, values, { id: userId, name: "agent" }, triggerId, SOURCE));
}

export function blockAction(view: Record<string, unknown>, action: Record<string, unknown>, userId = "U0AGENT", triggerId = `trigger.${randomUUID()}`): Record<string, string> {
  return asForm(blockActionsPayload({ action, user: { id: userId, name: "agent" }, triggerId, view: { bot_id: "B0BOT", ...view } }, SOURCE));
}

/** A message the bot posted, as the workspace recorded the call (its ts is in the answer when posted, in the body when updated). */
export interface PostedMessage {
  body: Record<string, unknown>;
  response?: Record<string, unknown>;
}

/**
 * A click on a button of a posted message, as Slack sends it: a signed block_actions payload.
 * Undefined when the message has no button with that action id.
 */
export function messageButtonClick(message: PostedMessage, actionId: string, { userId, channel, responseUrl, triggerId = `trigger.${randomUUID()}` }: { userId: string; channel: string; responseUrl: string; triggerId?: string }): Record<string, string> | undefined {
  const blocks = message.body.blocks as { block_id?: string; elements?: { action_id?: string; value?: string }[] }[] | undefined;
  const block = blocks?.find((b) => b.elements?.some((e) => e.action_id === actionId));
  const button = block?.elements?.find((e) => e.action_id === actionId);
  if (!block || !button) return undefined;
  const ts = String(message.body.ts ?? message.response?.ts);
  return asForm(
    blockActionsPayload(
      {
        action: { type: "button", action_id: actionId, block_id: block.block_id, value: button.value, text: { type: "plain_text", text: "x" } },
        user: { id: userId, name: "someone" },
        triggerId,
        message: { channel, ts, text: String(message.body.text ?? ""), blocks, responseUrl },
      },
      SOURCE,
    ),
  );
}
