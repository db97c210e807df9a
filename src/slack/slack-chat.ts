import type {
  ChatPostEphemeralArguments,
  ChatPostEphemeralResponse,
  ChatPostMessageArguments,
  ChatPostMessageResponse,
  ChatUpdateArguments,
  ChatUpdateResponse,
} from "@slack/web-api";
import type { Config } from "../config/env";
import type { Metrics } from "../observability/metrics";
import { classifySlackError } from "./classify-slack-error";
import { postSlackJson } from "./post-slack-json";
import { tagSlackMethod } from "./slack-call-failures";
import { SLACK_CALL_TIMEOUT_MS } from "./web-client";

/**
 * The worker's chat calls, with the WebClient's `chat` method shapes: every request's confirmation,
 * message, approval message and thread replies, and the batches' messages and the timers' notices.
 */
export interface SlackChat {
  postMessage(args: ChatPostMessageArguments): Promise<ChatPostMessageResponse>;
  update(args: ChatUpdateArguments): Promise<ChatUpdateResponse>;
  postEphemeral(args: ChatPostEphemeralArguments): Promise<ChatPostEphemeralResponse>;
}

const SLACK_API_URL = "https://slack.com/api/";

/**
 * The worker's chat calls posted as JSON (see docs/performance.md, "The Bolt-style edge"): they
 * answer and fail as the worker's WebClient does (the same error classes, tagged with their
 * method for `slackMethodOf`, counted by the kind the queue treats them as), without its request
 * queue, retry wrapper, form encoding and debug copies, which never serve the worker.
 */
export function createJsonSlackChat(config: Config, metrics: Pick<Metrics, "slackApiErrors">): SlackChat {
  // As the WebClient does: a base URL given without its final slash still names the API.
  const given = config.slack.apiUrl ?? SLACK_API_URL;
  const apiUrl = given.endsWith("/") ? given : `${given}/`;
  async function call<T>(method: string, args: object): Promise<T> {
    try {
      return (await postSlackJson({ url: `${apiUrl}${method}`, token: config.slack.botToken, args, timeoutMs: SLACK_CALL_TIMEOUT_MS })) as T;
    } catch (error) {
      metrics.slackApiErrors.inc({ method, kind: classifySlackError(error).kind });
      throw typeof error === "object" && error !== null ? tagSlackMethod(error, method) : error;
    }
  }
  return {
    postMessage: (args) => call("chat.postMessage", args),
    update: (args) => call("chat.update", args),
    postEphemeral: (args) => call("chat.postEphemeral", args),
  };
}
