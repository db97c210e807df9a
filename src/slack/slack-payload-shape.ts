import { z } from "zod";

/**
 * The least every Slack payload must be for Bolt to dispatch it without throwing, by the class Bolt
 * sorts it into (the same tests, in the same order, as Bolt's `getTypeAndConversation`). Real
 * Slack payloads always pass; a signed payload of another shape (a changed or buggy sender, or a
 * leaked signing secret) is refused 400 here, instead of a 500 or a crash inside Bolt. Fields are
 * checked only where present, and anything else is let through untouched.
 */
const object = z.looseObject({});
const user = z.looseObject({ id: z.string() });
const maybe = <T extends z.ZodType>(schema: T) => schema.optional();
const common = {
  team: maybe(z.looseObject({ id: maybe(z.string()) }).nullable()),
  enterprise: maybe(object.nullable()),
  channel: maybe(z.looseObject({ id: maybe(z.string()) }).nullable()),
  container: maybe(object),
  message: maybe(object),
};

const eventEnvelope = z.looseObject({
  event: z.looseObject({ type: z.string(), channel: maybe(z.union([z.string(), object])), item: maybe(object) }),
  team_id: maybe(z.string()),
  enterprise_id: maybe(z.string().nullable()),
  authorizations: maybe(z.array(object)),
});
const command = z.looseObject({ command: z.string(), user_id: z.string(), team_id: maybe(z.string()), channel_id: maybe(z.string()), text: maybe(z.string()) });
const options = z.looseObject({ ...common, user });
const action = z.looseObject({ ...common, user, actions: maybe(z.array(z.looseObject({ action_id: maybe(z.string()) })).min(1)), view: maybe(z.looseObject({ id: maybe(z.string()) })) });
const shortcut = z.looseObject({ ...common, user, callback_id: z.string() });
const view = z.looseObject({ ...common, user, view: z.looseObject({ id: z.string(), callback_id: z.string(), private_metadata: maybe(z.string()), state: maybe(object) }) });

export function isDispatchableSlackPayload(body: Record<string, unknown>): boolean {
  if (body.event !== undefined) return eventEnvelope.safeParse(body).success;
  if (body.command !== undefined) return command.safeParse(body).success;
  if (body.name !== undefined || body.type === "block_suggestion") return options.safeParse(body).success;
  if (body.actions !== undefined || body.type === "dialog_submission") return action.safeParse(body).success;
  if (body.type === "shortcut" || body.type === "message_action") return shortcut.safeParse(body).success;
  if (body.type === "view_submission" || body.type === "view_closed") return view.safeParse(body).success;
  // Bolt dispatches nothing else (it logs and lets it go unanswered): nothing to guard.
  return true;
}

/** Whether Bolt sorts the payload into a kind it dispatches (its `getTypeAndConversation`); it leaves any other unanswered. */
export function isTypedSlackPayload(body: Record<string, unknown>): boolean {
  if (body.event !== undefined || body.command !== undefined || body.name !== undefined || body.actions !== undefined) return true;
  return ["block_suggestion", "dialog_submission", "shortcut", "message_action", "view_submission", "view_closed"].includes(String(body.type));
}
