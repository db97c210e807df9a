import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { request } from "undici";
import { slackAgent } from "./slack-http";

/** What a JSON Web API call needs: the method's URL, the bot token, the arguments, the time allowed (for the answer's headers, and then between its bytes). */
export interface JsonCall {
  url: string;
  token: string;
  args: object;
  timeoutMs: number;
}

export type SlackAnswer = { ok: boolean; error?: string } & Record<string, unknown>;

/**
 * One Web API call with a JSON body, as Slack takes it for the chat methods: one `JSON.stringify`
 * of the arguments and one parse of the answer, where the WebClient form-encodes every argument
 * and serializes the body, headers and answer again for its debug log whatever the log level.
 * Answers as the WebClient does: Slack's result, or the error class it throws (a platform error,
 * a rate limit with its Retry-After, an HTTP status, a request that failed).
 */
export async function postSlackJson({ url, token, args, timeoutMs }: JsonCall): Promise<SlackAnswer> {
  let status: number;
  let headers: Record<string, string | string[] | undefined>;
  let text: string;
  try {
    const answer = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${token}` },
      body: JSON.stringify(args),
      // undici's own timers: an AbortSignal.timeout would hold the request until a full collection.
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      dispatcher: slackAgent,
    });
    ({ statusCode: status, headers } = answer);
    text = await answer.body.text();
  } catch (error) {
    throw new WebAPIRequestError(error instanceof Error ? error : new Error(String(error)));
  }
  // Without a number of seconds (absent: NaN), a 429 is an HTTP error, which the queue also treats as a rate limit.
  const retryAfter = Number(headers["retry-after"]);
  if (status === 429 && Number.isFinite(retryAfter)) throw new WebAPIRateLimitedError(retryAfter);
  if (status !== 200) throw new WebAPIHTTPError(status, "", Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])), text);
  let result: SlackAnswer;
  try {
    result = JSON.parse(text) as SlackAnswer;
  } catch (error) {
    throw new WebAPIRequestError(error instanceof Error ? error : new Error(String(error)));
  }
  if (typeof result !== "object" || result === null) throw new WebAPIRequestError(new Error(`Slack answered ${text.slice(0, 40)}, not an object`));
  if (!result.ok) throw new WebAPIPlatformError({ ...result, ok: false, error: String(result.error) });
  return result;
}
