import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Each test file works in a database of its own, copied from the run's migrated template. Files
 * run side by side, and the bot's sweepers look at every row of their database: sharing one let
 * another file's worker post a batch to its own fake Slack, and another file's 480 pending
 * requests crowd an approver's App Home.
 */
let current: string | undefined;

/** This test file's database (set up by file-database-setup.ts before the file runs). */
export function databaseUrl(): string {
  if (!current) throw new Error("no test database: file-database-setup.ts is not among this project's setupFiles");
  return current;
}

const withDatabase = (url: string, name: string): string => {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
};

async function onServer<T>(serverUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Copies the template into a new database named after it and makes it this file's. */
export async function createFileDatabase(serverUrl: string, template: string): Promise<string> {
  const name = `${template}_f${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  current = withDatabase(serverUrl, name);
  return name;
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Names of the databases whose name starts with `prefix` (the template and its copies). */
export async function databasesNamed(serverUrl: string, prefix: string): Promise<string[]> {
  return onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    return rows.map((r) => r.datname);
  });
}
