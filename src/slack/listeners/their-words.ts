import type { AnyMiddlewareArgs, Context, Middleware } from "@slack/bolt";
import { wordsFor, type Words } from "../../presentation/words";
import type { UserLocales } from "../user-locales";

/** Set on a request's context by `speakTheirLanguage`, read by the listeners (`wordsIn`). */
const WORDS = "theirWords";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Who sent a Slack request: the clicker or submitter, the command's user, the event's user. */
export function senderOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (isRecord(body.user) && typeof body.user.id === "string") return body.user.id;
  if (typeof body.user_id === "string") return body.user_id;
  if (isRecord(body.event) && typeof body.event.user === "string") return body.event.user;
  return undefined;
}

/**
 * Global middleware: the words of the person behind the request, once per request, on its context.
 * A person whose language is known within the hour costs no wait; anyone else is asked of Slack once.
 */
export function speakTheirLanguage(locales: UserLocales): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const user = senderOf(args.body);
    const locale = user ? locales.localeOf(user) : locales.teamLocale;
    args.context[WORDS] = wordsFor(typeof locale === "string" ? locale : await locale);
    await args.next();
  };
}

/** The words of the person behind this request; English when no middleware set them (a listener driven alone). */
export function wordsIn(context: Context | undefined): Words {
  const words: unknown = context?.[WORDS];
  return isRecord(words) && typeof words.t === "function" ? (words as unknown as Words) : wordsFor("en");
}
