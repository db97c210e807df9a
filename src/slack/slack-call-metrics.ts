import { AsyncLocalStorage } from "node:async_hooks";
import type { Metrics } from "../observability/metrics";
import { platformErrorKind } from "./classify-slack-error";

type Fetch = typeof globalThis.fetch;

/** The Web API method of the last call that failed inside `withSlackMethodTracking`. */
interface Tracked {
  failedMethod?: string;
}

const tracking = new AsyncLocalStorage<Tracked>();

/** `chat.postMessage` from `https://slack.com/api/chat.postMessage`; null for other URLs (file uploads). */
function methodOf(input: Parameters<Fetch>[0]): string | null {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const match = /\/api\/([A-Za-z0-9_.]+)(?:\?|$)/.exec(url);
  return match?.[1] ?? null;
}

async function failureKindOf(response: Response): Promise<"rate_limited" | "permanent" | "transient" | null> {
  if (response.status === 429) return "rate_limited";
  if (response.status >= 500) return "transient";
  if (response.status >= 400) return "permanent";
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) return null;
  try {
    const body = (await response.clone().json()) as { ok?: unknown; error?: unknown };
    return body.ok === false ? platformErrorKind(String(body.error)) : null;
  } catch {
    return null;
  }
}

/**
 * The `fetch` given to every Slack WebClient (ours and Bolt's): each failed Web API call is counted
 * by method and kind, whichever client made it, and the method is remembered so that the queue can
 * count its retry under the same name. The response itself passes through untouched.
 */
export function countingSlackFetch(metrics: Pick<Metrics, "slackApiErrors">, base: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const method = methodOf(input);
    if (method === null) return base(input, init);
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      metrics.slackApiErrors.inc({ method, kind: "transient" });
      const tracked = tracking.getStore();
      if (tracked) tracked.failedMethod = method;
      throw error;
    }
    const kind = await failureKindOf(response);
    if (kind) {
      metrics.slackApiErrors.inc({ method, kind });
      const tracked = tracking.getStore();
      if (tracked) tracked.failedMethod = method;
    }
    return response;
  };
}

/** Runs `call`, and on failure tells which Slack method failed ("unknown" if none was seen). */
export async function withSlackMethodTracking<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown; method: string }> {
  const tracked: Tracked = {};
  try {
    return { ok: true, value: await tracking.run(tracked, call) };
  } catch (error) {
    return { ok: false, error, method: tracked.failedMethod ?? "unknown" };
  }
}
