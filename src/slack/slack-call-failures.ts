import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import { answerTexts } from "./slack-http";
import { slackMethodOfUrl } from "./slack-call-metrics";

type Fetch = typeof globalThis.fetch;

/** The Web API method each failed call was for, kept with its error (whatever the error's class). */
const failedMethods = new WeakMap<object, string>();

/** The Slack Web API method whose call threw `error`, if it came through `failingSlackFetch`. */
export function slackMethodOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const original = (error as { original?: unknown }).original;
  return failedMethods.get(error) ?? (typeof original === "object" && original !== null ? failedMethods.get(original) : undefined);
}

/** Remembers `method` as the Web API method `error` came from (see `slackMethodOf`). */
export function tagSlackMethod<E extends object>(error: E, method: string): E {
  failedMethods.set(error, method);
  return error;
}

/** The SDK's own error for a failed answer (what the WebClient would throw), or null for a good one. */
async function failureOf(response: Response): Promise<Error | null> {
  const retryAfter = Number(response.headers.get("retry-after") ?? NaN);
  // Without a number of seconds, a 429 is an HTTP error, which the queue also treats as a rate limit.
  if (response.status === 429 && Number.isFinite(retryAfter)) return new WebAPIRateLimitedError(retryAfter);
  if (response.status !== 200) return new WebAPIHTTPError(response.status, response.statusText, Object.fromEntries(response.headers.entries()), await response.clone().text());
  const text = answerTexts.get(response) ?? (await response.clone().text());
  if (!/"ok"\s*:\s*false/.test(text)) return null;
  try {
    const body = JSON.parse(text) as { ok?: unknown; error?: unknown };
    return body.ok === false ? new WebAPIPlatformError({ ...body, ok: false, error: String(body.error) }) : null;
  } catch {
    return null;
  }
}

/**
 * For a WebClient that never retries by itself (the worker's): a failed Web API call throws the
 * SDK's own error (a platform error, a rate limit with its Retry-After, an HTTP status, a request
 * that failed) from the fetch, tagged with its method, so that the queue counts a retry under
 * that method. The WebClient passes the SDK's errors on as they are.
 */
export function failingSlackFetch(base: Fetch): Fetch {
  return async (input, init) => {
    const method = slackMethodOfUrl(input);
    if (method === null) return base(input, init);
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      // The WebClient wraps it in a WebAPIRequestError whose `original` it is.
      throw typeof error === "object" && error !== null ? tagSlackMethod(error, method) : error;
    }
    const failure = await failureOf(response);
    if (failure) throw tagSlackMethod(failure, method);
    return response;
  };
}
