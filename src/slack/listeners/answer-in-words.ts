import type { AllMiddlewareArgs, AnyMiddlewareArgs } from "@slack/bolt";
import type { Words } from "../../presentation/words";
import { wordsIn } from "./their-words";

export type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

type Ack = (response?: unknown) => Promise<void>;
type Respond = (message: { response_type: "ephemeral"; replace_original?: boolean; text: string }) => Promise<unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The request's `ack`, when its kind has one (Bolt acknowledges events itself). */
export function ackOf(args: Args): Ack | undefined {
  return "ack" in args && typeof args.ack === "function" ? (args.ack as Ack) : undefined;
}

/**
 * Makes the request's `ack` answer once: a later call (a handler finishing after it was answered for
 * it) does nothing, where Bolt's would throw. Returns whether it was called.
 */
export function ackOnce(args: Args): () => boolean {
  const ack = ackOf(args);
  let acked = false;
  if (ack) {
    (args as { ack: Ack }).ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      await ack(response);
    };
  }
  return () => acked;
}

/** A modal that only says `text`: what replaces a form that cannot take an error on one of its fields. */
export function noteView(words: Words, text: string) {
  return { type: "modal" as const, title: { type: "plain_text" as const, text: words.t("replies.note_title") }, close: { type: "plain_text" as const, text: words.t("modals.close") }, blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text } }] };
}

/** The first input block of a submitted view, where an error can be shown in place. */
function firstInputBlock(body: Record<string, unknown>): string | undefined {
  const view = isRecord(body.view) ? body.view : undefined;
  const values = view && isRecord(view.state) && isRecord(view.state.values) ? view.state.values : undefined;
  return values ? Object.keys(values)[0] : undefined;
}

/**
 * Tells the person behind a Slack request `text`, in the way its kind allows: a slash command
 * privately (in the ack, or through its response_url once acknowledged), a form on its first field
 * (or in place of the form), a click privately under the message (or in a direct message from App
 * Home). `acked`: whether the request was answered already (a form then has closed: nothing more).
 * Never throws: it is what is said when something else went wrong.
 */
export async function answerInWords(args: Args, text: string, acked: boolean): Promise<void> {
  const body = (isRecord(args.body) ? args.body : {}) as Record<string, unknown>;
  const ack = ackOf(args);
  const respond = "respond" in args && typeof args.respond === "function" ? (args.respond as Respond) : undefined;
  try {
    if (body.type === "view_submission") {
      if (acked || !ack) return;
      const block = firstInputBlock(body);
      await ack(block ? { response_action: "errors", errors: { [block]: text } } : { response_action: "update", view: noteView(wordsIn(args.context), text) });
      return;
    }
    if (!acked) await ack?.(typeof body.command === "string" ? { response_type: "ephemeral", text } : undefined);
    if (typeof body.command === "string" && !acked) return;
    if (typeof body.response_url === "string" && respond) {
      await respond({ response_type: "ephemeral", replace_original: false, text });
      return;
    }
    const user = isRecord(body.user) && typeof body.user.id === "string" ? body.user.id : undefined;
    if (body.type === "block_actions" && user) await args.client.chat.postMessage({ channel: user, text });
  } catch {
    // Slack itself unreachable: the log line of the caller is what is left.
  }
}
