import { appEnv } from "./app-process";
import { startApp, type AppProcess } from "./process-runner";

/**
 * The bot as `npm start` runs it with no Slack app configured: the local workspace, on a free port
 * of 127.0.0.1, with this file's database and queues of its own. Resolves with the page's address.
 */
export async function startLocalWorkspaceApp(extra: Record<string, string> = {}): Promise<{ app: AppProcess; url: string }> {
  // Empty is unset: whatever the test runner's environment holds, no Slack app is configured.
  const app = await startApp({ env: { ...appEnv("", { SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "" }), ...extra }, readyMessage: "Local workspace: " });
  const line = app.output.find((l) => l.startsWith("Local workspace: "))!;
  return { app, url: /Local workspace: (\S+)/.exec(line)![1]! };
}
