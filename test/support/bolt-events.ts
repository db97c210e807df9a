import type { App, Receiver, ReceiverEvent } from "@slack/bolt";

/** A receiver that only hands Bolt what a test gives it. */
export const noReceiver: Receiver = { init: () => undefined, start: () => Promise.resolve(), stop: () => Promise.resolve() };

/** Hands Bolt one request; resolves with every answer it was given. */
export async function send(app: App, body: Record<string, unknown>): Promise<unknown[]> {
  const acks: unknown[] = [];
  const event: ReceiverEvent = { body, ack: async (response?: unknown) => void acks.push(response) };
  await app.processEvent(event);
  return acks;
}

/** The workspace and the person every test request comes from. */
export const team = { id: "T1", domain: "t" };
export const user = { id: "U1", team_id: "T1" };

/** A click on a button with `actionId`, as Slack sends it. */
export const click = (actionId: string) => ({ type: "block_actions", team, user, actions: [{ type: "button", action_id: actionId, block_id: "b", value: "1" }], container: {}, channel: { id: "C1" } });

/** A modal with `callbackId` submitted (or, with `view_closed`, closed), as Slack sends it. */
export const submission = (callbackId: string, type = "view_submission") => ({ type, team, user, view: { id: "V1", callback_id: callbackId, state: { values: {} }, private_metadata: "" } });
