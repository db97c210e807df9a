import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "../config/defaults";
import { loadDotEnv } from "../config/load-dotenv";
import { createDb, type Db } from "../db/client";

/** Thrown for a problem the person at the terminal can fix; printed as one line, no stack. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** The CLI needs only the database: it runs without any Slack settings. */
export function cliDb(): Db {
  loadDotEnv();
  const url = z.url({ protocol: /^postgres(ql)?$/ }).safeParse(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  if (!url.success) throw new CliError("DATABASE_URL: expected a URL such as postgresql://user@host:5432/db");
  return createDb(url.data, { poolSize: 2 });
}

/** Turns a database error into what the person should do about it. */
export function explainDbError(error: unknown): CliError {
  const text = error instanceof Error ? error.message : String(error);
  if (/does not exist/i.test(text) && /relation|table/i.test(text)) return new CliError("The database has no tables yet: run `npm run db:migrate` first.");
  if (/ECONNREFUSED|connect|terminat/i.test(text)) return new CliError(`Cannot reach PostgreSQL (${text.split("\n")[0]}): check DATABASE_URL and that the server runs.`);
  return new CliError(text.split("\n")[0] ?? text);
}
