import { parseConfig, type Config } from "./env";
import { loadDotEnv } from "./load-dotenv";

/**
 * The configuration of a starting process. A wrong environment stops it with one line per
 * problem and exit code 1: an operator needs the variable's name, not a stack trace.
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  loadDotEnv();
  const result = parseConfig(env);
  if (result.ok) return result.config;
  process.stderr.write(`Refund Desk cannot start: fix these environment variables (see .env.example):\n`);
  for (const problem of result.problems) process.stderr.write(`  ${problem}\n`);
  process.exit(1);
}
