import { WebClient, LogLevel } from "@slack/web-api";
import type { Config } from "../config/env";

/**
 * The worker's Slack client. It never retries by itself and rejects rate-limited calls at once:
 * retries, backoff and Retry-After belong to the queue, where they survive a restart and never
 * hold a worker slot while waiting.
 */
export function createSlackWebClient(config: Config): WebClient {
  return new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
  });
}
