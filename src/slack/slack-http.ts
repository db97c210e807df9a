import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { Agent, request } from "undici";

type Fetch = typeof globalThis.fetch;

/** The body of each answer `leanSlackFetch` gave, as text: read by whoever looks into it before the WebClient does, without a copy of its stream. */
export const answerTexts = new WeakMap<Response, string>();

/**
 * Keep-alive connections to the Slack API, shared by every Slack client of the process. Enough
 * sockets for the calls a worker keeps in flight.
 */
const slackAgent = new Agent({ connections: 64, keepAliveTimeout: 30_000, pipelining: 1 });

/**
 * The `fetch` Slack's WebClient is given: its Web API calls (a form-encoded or JSON string body,
 * a small JSON answer) go through undici's `request`, which skips the WHATWG streams that
 * `fetch` builds around every request and response (three Slack calls per request filed).
 * Anything else (file uploads: form data, buffers) takes the platform's `fetch`, unchanged.
 */
export function leanSlackFetch(fallback: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const body = init?.body;
    if (typeof input !== "string" || (body !== undefined && body !== null && typeof body !== "string")) return fallback(input, init);
    const answer = await request(input, {
      method: (init?.method ?? "GET") as "GET" | "POST",
      headers: headerRecord(init?.headers),
      ...(typeof body === "string" ? { body } : {}),
      ...(init?.signal ? { signal: init.signal } : {}),
      dispatcher: slackAgent,
    });
    const text = await answer.body.text();
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const one of value) headers.append(name, one);
      else if (value !== undefined) headers.set(name, value);
    }
    // A body is not allowed on these statuses in a Response.
    const empty = answer.statusCode === 204 || answer.statusCode === 304;
    const response = new Response(empty ? null : text, { status: answer.statusCode, headers });
    answerTexts.set(response, text);
    return response;
  };
}

function headerRecord(headers: NonNullable<Parameters<Fetch>[1]>["headers"]): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}

/** What a JSON Web API call needs: the method's URL, the bot token, the arguments, the time allowed (for the answer's headers, and then between its bytes). */
export interface JsonCall {
  url: string;
  token: string;
  args: Record<string, unknown>;
  timeoutMs: number;
}

export type SlackAnswer = { ok: boolean; error?: string } & Record<string, unknown>;

/**
 * One Web API call with a JSON body, as Slack takes for the chat methods: one `JSON.stringify` of
 * the arguments and one parse of the answer, where the WebClient form-encodes every argument and
 * serializes the body, headers and answer again for its debug log whatever the log level. Answers
 * as the WebClient does: Slack's result, or the same error classes it throws (a platform error, a
 * rate limit with Retry-After, an HTTP status, a request that failed).
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
      // undici's own timers, not AbortSignal.timeout: that signal is held by a timer for the whole
      // timeout, and with it the request and everything listening on it, until a full garbage
      // collection (the worker's old space took 61 KB per request filed at 300/s with it, 26 without).
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
  if (!result.ok) throw new WebAPIPlatformError(result as SlackAnswer & { error: string });
  return result;
}
