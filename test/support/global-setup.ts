import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { databasesNamed, dropDatabase } from "./file-database";
import { deleteKeysMatching } from "./redis-keys";
import type {} from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Postgres server (its maintenance database), where each test file creates its own database. */
    postgresServerUrl: string;
    /** The run's migrated database, copied for each test file (file-database-setup.ts). */
    templateDatabase: string;
    redisUrl: string;
    queuePrefix: string;
  }
}

const SERVER_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Each test run migrates a database of its own with `prisma migrate deploy`, exactly as a release
 * does, as the template each test file copies, and gets its own Redis key prefix; all are removed
 * afterwards.
 */
export default async function setup(project: TestProject) {
  const runId = `${project.name}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const database = `refund_desk_test_${runId}`.toLowerCase();
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" });

  const queuePrefix = `rdtest-${runId}`;
  project.provide("postgresServerUrl", SERVER_URL);
  project.provide("templateDatabase", database);
  project.provide("redisUrl", REDIS_URL);
  project.provide("queuePrefix", queuePrefix);

  return async () => {
    // The template and any copy a file left behind (a file that crashed before its afterAll).
    for (const name of await databasesNamed(SERVER_URL, database)) await dropDatabase(SERVER_URL, name);
    const redis = new Redis(REDIS_URL);
    await deleteKeysMatching(redis, `${queuePrefix}*`);
    await redis.quit();
  };
}
