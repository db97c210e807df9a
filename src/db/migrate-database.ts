import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { ensureDatabase } from "./ensure-database";

/**
 * Creates the database if needed and applies pending migrations with `prisma migrate deploy`,
 * exactly what a release runs. Throws with Prisma's own output when a migration fails.
 */
export async function migrateDatabase(databaseUrl: string, log: (line: string) => void): Promise<void> {
  if (await ensureDatabase(databaseUrl)) log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const result = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${output}`);
  const summary = output.split("\n").find((line) => /migrations? (have been successfully applied|to apply)|No pending migrations/.test(line));
  log(summary?.trim() || "migrations applied");
}
