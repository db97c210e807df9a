import { LogLevel, WebClient } from "@slack/web-api";
import type { Config } from "../config/env";
import type { Metrics } from "../observability/metrics";
import { failingSlackFetch } from "./slack-call-failures";
import { countingSlackFetch } from "./slack-call-metrics";
import { leanSlackFetch } from "./slack-http";

export { slackMethodOf } from "./slack-call-failures";

/** The time allowed for a Slack Web API call: for its answer's headers, then between its bytes. */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

/**
 * The worker's Slack client for every call but its chat calls (those take `SlackChat`): Slack's
 * WebClient, configured. It never retries by itself and rejects
 * rate-limited calls at once: retries, backoff and Retry-After belong to the queue, where they
 * survive a restart and never hold a worker slot while waiting. Its fetch counts each failure by
 * method and kind, and throws it tagged with its method (`slackMethodOf`); the time allowed is the
 * fetch's (`timeout: 0` here: see leanSlackFetch).
 */
export function createSlackWebClient(config: Config, metrics: Pick<Metrics, "slackApiErrors">): WebClient {
  return new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 0,
    logLevel: LogLevel.ERROR,
    fetch: failingSlackFetch(countingSlackFetch(metrics, leanSlackFetch({ timeoutMs: SLACK_CALL_TIMEOUT_MS }))),
  });
}
