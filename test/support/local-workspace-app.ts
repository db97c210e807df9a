import { inject } from "vitest";
import { databaseUrl } from "./file-database";
import { startApp, type AppProcess } from "./process-runner";

/**
 * The bot as `npm start` runs it with no Slack app configured: the local workspace, on a free port
 * of 127.0.0.1, with this file's database and queues of its own. Resolves with the page's address.
 */
export async function startLocalWorkspaceApp(extra: Record<string, string> = {}): Promise<{ app: AppProcess; url: string }> {
  const app = await startApp({
    env: {
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      DOTENV_PATH: "/nonexistent/.env",
      DATABASE_URL: databaseUrl(),
      REDIS_URL: inject("redisUrl"),
      QUEUE_PREFIX: `${inject("queuePrefix")}-${Math.random().toString(36).slice(2, 8)}`,
      PORT: "0",
      // Empty is unset: whatever the test runner's environment holds, no Slack app is configured.
      SLACK_BOT_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      ...extra,
    },
    readyMessage: "Local workspace: ",
  });
  const line = app.output.find((l) => l.startsWith("Local workspace: "))!;
  return { app, url: /Local workspace: (\S+)/.exec(line)![1]! };
}
