import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "../../src/db/client";
import type { LocalWorkspace, LocalWorkspaceOptions } from "../../src/local-workspace/local-workspace";
import { appEnv, startApp, type AppProcess } from "./app-process";
import { SlackDriver } from "./slack-driver";
import { testDb } from "./test-db";
import { testWorkspace } from "./test-workspace";

export interface SlackAppOptions {
  /** The workspace's people, channels, user groups…, over those of testWorkspace(). */
  workspace?: LocalWorkspaceOptions;
  /** Settings over those of appEnv(). */
  env?: Record<string, string>;
  /** The text of a refund-desk.config.yaml: written to a file of its own, which REFUND_DESK_CONFIG names. */
  config?: string;
}

export interface SlackApp {
  slack: LocalWorkspace;
  app: AppProcess;
  db: Db;
  driver: SlackDriver;
  /** Stops the bot, then the workspace, then closes the database client. */
  stop(): Promise<void>;
}

/**
 * The bot as one process against a local workspace of its own, with a client on the test database
 * and a driver that speaks to the bot as Slack does. Whatever started is stopped again if the bot
 * does not come up, as the caller gets nothing to stop.
 */
export async function startSlackApp({ workspace, env = {}, config }: SlackAppOptions = {}): Promise<SlackApp> {
  const slack = testWorkspace(workspace);
  await slack.start();
  const db = testDb();
  let app: AppProcess;
  try {
    const configEnv: Record<string, string> = config === undefined ? {} : { REFUND_DESK_CONFIG: configFile(config) };
    app = await startApp({ env: appEnv(slack.apiUrl, { ...configEnv, ...env }) });
  } catch (error) {
    await slack.stop();
    await db.$disconnect();
    throw error;
  }
  const driver = new SlackDriver(() => app.baseUrl, slack);
  const stop = async () => {
    await app.stop();
    await slack.stop();
    await db.$disconnect();
  };
  return { slack, app, db, driver, stop };
}

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "refund-desk-config-")), "refund-desk.config.yaml");
  writeFileSync(path, text);
  return path;
}
