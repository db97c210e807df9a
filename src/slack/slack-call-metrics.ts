import type { Metrics } from "../observability/metrics";
import { platformErrorKind } from "./classify-slack-error";
import { answerTexts, leanSlackFetch } from "./slack-http";

type Fetch = typeof globalThis.fetch;

/** `chat.postMessage` from `https://slack.com/api/chat.postMessage`; null for other URLs (file uploads). */
export function slackMethodOfUrl(input: Parameters<Fetch>[0]): string | null {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const match = /\/api\/([A-Za-z0-9_.]+)(?:\?|$)/.exec(url);
  return match?.[1] ?? null;
}

const OK_FALSE = /"ok"\s*:\s*false/;

async function failureKindOf(response: Response): Promise<"rate_limited" | "permanent" | "transient" | null> {
  if (response.status === 429) return "rate_limited";
  if (response.status >= 500) return "transient";
  if (response.status >= 400) return "permanent";
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) return null;
  try {
    const text = answerTexts.get(response) ?? (await response.clone().text());
    // Most answers are `ok: true`: parsed here only when they may not be.
    if (!OK_FALSE.test(text)) return null;
    const body = JSON.parse(text) as { ok?: unknown; error?: unknown };
    return body.ok === false ? platformErrorKind(String(body.error)) : null;
  } catch {
    return null;
  }
}

/**
 * The `fetch` given to every Slack WebClient (ours and Bolt's): each failed Web API call is counted
 * by method and kind, whichever client made it. The response itself passes through untouched.
 */
export function countingSlackFetch(metrics: Pick<Metrics, "slackApiErrors">, base: Fetch = leanSlackFetch()): Fetch {
  return async (input, init) => {
    const method = slackMethodOfUrl(input);
    if (method === null) return base(input, init);
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      metrics.slackApiErrors.inc({ method, kind: "transient" });
      throw error;
    }
    const kind = await failureKindOf(response);
    if (kind) metrics.slackApiErrors.inc({ method, kind });
    return response;
  };
}
