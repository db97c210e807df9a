import type { ChatPostMessageArguments } from "@slack/web-api";
import type { Services } from "../app/services";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * Posts a message at most once per `key` (as long as Slack answers): a retried job finds the key
 * in the `slack_posts` ledger and posts nothing. Returns the message's ts.
 */
export async function postOnce(services: Pick<Services, "projections" | "slackChat">, key: string, message: ChatPostMessageArguments, call: Call): Promise<string> {
  const done = await services.projections.findPost(key);
  if (done) return done.ts;
  const posted = await call(() => services.slackChat.postMessage({ unfurl_links: false, ...message } as ChatPostMessageArguments));
  await services.projections.rememberPost(key, posted.channel ?? String(message.channel), posted.ts ?? "");
  return posted.ts ?? "";
}
