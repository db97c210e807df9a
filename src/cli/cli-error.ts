/** Thrown for a problem the person at the terminal can fix; printed as one line, no stack. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Turns a database error into what the person should do about it. */
export function explainDbError(error: unknown): CliError {
  const text = error instanceof Error ? error.message : String(error);
  if (/does not exist/i.test(text) && /relation|table/i.test(text)) return new CliError("The database has no tables yet: run `npm run db:migrate` first.");
  if (/ECONNREFUSED|connect|terminat/i.test(text)) return new CliError(`Cannot reach PostgreSQL (${text.split("\n")[0]}): check DATABASE_URL and that the server runs.`);
  return new CliError(text.split("\n")[0] ?? text);
}
