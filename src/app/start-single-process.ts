import { loadConfigOrExit } from "../config/load-config";
import { loadDotEnv } from "../config/load-dotenv";
import { envSchema } from "../config/env";
import { migrateDatabase } from "../db/migrate-database";
import { chooseSlack } from "../local-workspace/local-env";
import { createLogger } from "../observability/logger";
import { localWorkspaceLine, runWithLocalWorkspace, type LocalWorkspaceRun } from "./run-local-workspace";
import { runProcess } from "./run-process";

export interface SingleProcessOptions {
  /** Apply pending migrations first (`npm start`). */
  migrate: boolean;
  /** The local workspace was asked for (`npm run demo`): never Slack, whatever LOCAL_WORKSPACE says. */
  localWorkspace?: boolean;
  /** Print the local workspace's address (not when a script plays it). @defaultValue true */
  announce?: boolean;
}

function cannotStart(problem: string): never {
  process.stderr.write(`Refund Desk cannot start: ${problem}\n`);
  process.exit(1);
}

/**
 * Web and worker in one process, with Slack when a Slack app is configured, else with the local
 * workspace (see docs/local-workspace.md). The choice is made here, from the configuration alone.
 * Resolves with the local workspace when it runs.
 */
export async function startSingleProcess({ migrate, localWorkspace = false, announce = true }: SingleProcessOptions): Promise<LocalWorkspaceRun | undefined> {
  loadDotEnv();
  const choice = chooseSlack(process.env, { explicit: localWorkspace });
  if (choice.mode === "refuse") cannotStart(choice.problem);
  const databaseUrl = choice.mode === "local" ? envSchema.shape.DATABASE_URL.safeParse(process.env.DATABASE_URL || undefined) : { success: true as const, data: loadConfigOrExit().databaseUrl };
  if (!databaseUrl.success) return cannotStart(`DATABASE_URL: ${databaseUrl.error.issues[0]?.message ?? "invalid"}`);
  if (migrate) {
    const log = createLogger({ level: envSchema.shape.LOG_LEVEL.catch("info").parse(process.env.LOG_LEVEL || undefined) }).child({ role: "release" });
    try {
      await migrateDatabase(databaseUrl.data, (line) => log.info(`database: ${line}`));
    } catch (error) {
      log.fatal((error as Error).message);
      cannotStart("the database could not be migrated (see above).");
    }
  }
  if (choice.mode === "slack") return void (await runProcess({ web: true, worker: true }));
  const run = await runWithLocalWorkspace({ web: true, worker: true }, choice.host);
  if (announce) process.stdout.write(`${localWorkspaceLine(run.pageUrl)}\n`);
  return run;
}
