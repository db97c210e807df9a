import { WebClient, LogLevel, type WebAPICallResult } from "@slack/web-api";
import type { Config } from "../config/env";
import type { Metrics } from "../observability/metrics";
import { countingSlackFetch } from "./slack-call-metrics";

/** The Web API method each failed call was for, kept with its error (whatever the error's class). */
const failedMethods = new WeakMap<object, string>();

/** The Slack Web API method whose call threw `error`, if it came from the worker's Slack client. */
export function slackMethodOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? failedMethods.get(error) : undefined;
}

/** A WebClient whose failures remember their method: the queue counts a retry under that name. */
class MethodTaggingWebClient extends WebClient {
  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      if (typeof error === "object" && error !== null) failedMethods.set(error, method);
      throw error;
    }
  }
}

/**
 * The worker's Slack client. It never retries by itself and rejects rate-limited calls at once:
 * retries, backoff and Retry-After belong to the queue, where they survive a restart and never
 * hold a worker slot while waiting.
 */
export function createSlackWebClient(config: Config, metrics: Pick<Metrics, "slackApiErrors">): WebClient {
  return new MethodTaggingWebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
    fetch: countingSlackFetch(metrics),
  });
}
