import { WebClient, LogLevel } from "@slack/web-api";
import type { Config } from "../config/env";
import type { Metrics } from "../observability/metrics";
import { countingSlackFetch } from "./slack-call-metrics";

/**
 * The worker's Slack client. It never retries by itself and rejects rate-limited calls at once:
 * retries, backoff and Retry-After belong to the queue, where they survive a restart and never
 * hold a worker slot while waiting.
 */
export function createSlackWebClient(config: Config, metrics: Pick<Metrics, "slackApiErrors">): WebClient {
  return new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
    fetch: countingSlackFetch(metrics),
  });
}
