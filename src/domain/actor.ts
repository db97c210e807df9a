/** Who caused a change: a Slack user, the bot itself, or an intake source. */
export interface Actor {
  type: "user" | "system" | "intake";
  id: string;
}

/** The bot itself: its workers and timers. */
export const SYSTEM: Actor = { type: "system", id: "refund-desk" };
