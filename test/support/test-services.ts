import { inject } from "vitest";
import { parseConfig, type Config } from "../../src/config/env";
import { createServices, type Services } from "../../src/app/services";
import { BOT_TOKEN, SIGNING_SECRET } from "./slack-requests";
import { APPROVALS_CHANNEL, REQUESTS_CHANNEL } from "./app-process";
import { databaseUrl } from "./file-database";

/** The configuration of a bot on this run's database and Redis prefix, talking to `slackApiUrl`. */
export function testConfig(slackApiUrl: string, extra: Record<string, string> = {}): Config {
  const result = parseConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: databaseUrl(),
    REDIS_URL: inject("redisUrl"),
    // Every test file gets its own queues: workers of one file never take another's jobs.
    QUEUE_PREFIX: `${inject("queuePrefix")}-${Math.random().toString(36).slice(2, 8)}`,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    REFUND_REQUESTS_CHANNEL: REQUESTS_CHANNEL,
    REFUND_APPROVALS_CHANNEL: APPROVALS_CHANNEL,
    ...extra,
  });
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.config;
}

export function testServices(slackApiUrl: string, extra: Record<string, string> = {}): Services {
  return createServices(testConfig(slackApiUrl, extra), "test");
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = "the condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
