import { inject } from "vitest";
import { BOT_TOKEN, SIGNING_SECRET } from "./slack-requests";
import { databaseUrl } from "./file-database";
import { TEST_METRICS_TOKEN } from "./prometheus";

export { startApp, type AppProcess, type StartOptions } from "./process-runner";

export const REQUESTS_CHANNEL = "C0REQUESTS";
export const APPROVALS_CHANNEL = "C0APPROVALS";

/** The environment of a bot pointed at this run's database, Redis prefix and a fake Slack. */
export function appEnv(slackApiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    DOTENV_PATH: "/nonexistent/.env",
    DATABASE_URL: databaseUrl(),
    REDIS_URL: inject("redisUrl"),
    // Its own queues: test files run side by side, and one app's workers must not take another's jobs.
    QUEUE_PREFIX: `${inject("queuePrefix")}-${Math.random().toString(36).slice(2, 8)}`,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    REFUND_REQUESTS_CHANNEL: REQUESTS_CHANNEL,
    REFUND_APPROVALS_CHANNEL: APPROVALS_CHANNEL,
    PORT: "0",
    // /metrics on PORT, behind this token (scrape() sends it).
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...extra,
  };
}

