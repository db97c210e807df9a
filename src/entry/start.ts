import { runProcess } from "../app/run-process";
import { loadConfigOrExit } from "../config/load-config";
import { migrateDatabase } from "../db/migrate-database";
import { createLogger } from "../observability/logger";

// `npm start`: one process for a single machine. Pending migrations are applied first, so a fresh
// clone runs after `npm install` with nothing else to remember.
const config = loadConfigOrExit();
const log = createLogger({ level: config.logLevel }).child({ role: "release" });
try {
  await migrateDatabase(config.databaseUrl, (line) => log.info(`database: ${line}`));
} catch (error) {
  log.fatal((error as Error).message);
  process.stderr.write(`Refund Desk cannot start: the database could not be migrated (see above).\n`);
  process.exit(1);
}
await runProcess({ web: true, worker: true });
