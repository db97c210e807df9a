import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../observability/logger";
import { slackLogContext } from "../slack-log-context";
import { ackOf, answerInWords, noteView, type Args } from "./answer-in-words";
import { wordsIn } from "./their-words";

/** The kind of a request and the id it is routed by, for the log line. */
function idOf(args: Args): string | undefined {
  if ("action" in args) return (args.action as { action_id?: string }).action_id;
  if ("view" in args) return args.view.callback_id;
  if ("command" in args) return args.command.command;
  if ("event" in args) return args.event.type;
  return undefined;
}

/** Set on a request's context by each listener it reaches (`answerInTime`), read once the listeners are done. */
const TAKEN = "listenerTook";

export function markTaken(args: Pick<Args, "context">): void {
  args.context[TAKEN] = true;
}

/** What a person who sent a request no listener takes is told, privately where they can be. */
async function answerNobodyTook(args: Args): Promise<void> {
  const body = args.body as { type?: unknown; command?: unknown };
  const ack = ackOf(args);
  const words = wordsIn(args.context);
  // A button on a message an older version of the bot posted, or a form it opened.
  if (body.type === "block_actions") return answerInWords(args, words.t("replies.button_no_longer_in_use"), false);
  if (body.type === "view_submission") return void (await ack?.({ response_action: "update", view: noteView(words, words.t("replies.form_no_longer_in_use")) }));
  if (typeof body.command === "string") return void (await ack?.({ response_type: "ephemeral", text: words.t("replies.not_a_command", { command: body.command }) }));
  if (body.type === "block_suggestion") return void (await ack?.({ options: [] }));
  await ack?.();
}

/**
 * Global middleware: once the listeners are done, answers at once a signed request that none of
 * them took (a button or form from an older version of the bot, a command or event it does not
 * know), with a log line: left to Bolt, it waited 3 s and got a 404. Where a person clicked or
 * submitted, they are told what to do instead, privately.
 */
export function answerUntaken(log: Pick<Logger, "info">): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    await args.next();
    if (args.context[TAKEN]) return;
    log.info({ ...slackLogContext(args.body), id: idOf(args) }, "Slack request that no listener takes: answered at once");
    await answerNobodyTook(args);
  };
}
