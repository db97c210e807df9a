import { startApp, type AppProcess } from "../test/support/process-runner";
import { commandOf } from "./npm-script-command";
import type { Options } from "./options";

export const SECRET = "bench-signing-secret-0123456789";
export const TOKEN = "xoxb-bench-token";
export const REQUESTS_CHANNEL = "C0BENCHREQ";
export const BENCH_METRICS_TOKEN = "bench-metrics-token-0123456789";

/** The bot's environment in the run: production mode, the bench's database, Redis and fake Slack. */
export function benchEnv(options: Options, tag: string, slackApiUrl: string) {
  return {
    ...process.env,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    DOTENV_PATH: "/nonexistent/.env",
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: `rd-bench-${tag.toLowerCase()}`,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slackApiUrl,
    REFUND_REQUESTS_CHANNEL: REQUESTS_CHANNEL,
    REFUND_APPROVALS_CHANNEL: "C0BENCHAPP",
    // The benchmark measures the bot, not Slack's own rate limits.
    SLACK_JOBS_PER_SECOND: "100000",
    WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? "16",
    PORT: "0",
    // /metrics on PORT, behind this token: the run reads the web's own timing of its answers there.
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
  };
}

/**
 * Starts one web and one worker process with the commands of `npm run start:web` / `start:worker`,
 * adding each to `processes` once it is ready (so that it is stopped at the end whatever happens).
 */
export async function startBot(env: ReturnType<typeof benchEnv>, processes: AppProcess[]): Promise<AppProcess> {
  const webScript = commandOf("start:web");
  const web = await startApp({ command: webScript.command, env: { ...env, ...webScript.env }, readyMessage: "web: listening", maxLines: 200 });
  processes.push(web);
  const workerScript = commandOf("start:worker");
  const worker = await startApp({ command: workerScript.command, env: { ...env, ...workerScript.env }, readyMessage: "worker: processing jobs", maxLines: 200 });
  processes.push(worker);
  return web;
}
