import { readPolicyFile } from "./approval-policy-file";
import { parseConfig, type Config } from "./env";
import { loadDotEnv } from "./load-dotenv";

/**
 * The configuration of a starting process: the environment and the team's approval policy file.
 * Anything wrong stops it with one line per problem and exit code 1: an operator needs the
 * variable's or the field's name, not a stack trace.
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  loadDotEnv();
  const file = readPolicyFile(env.REFUND_DESK_CONFIG?.trim() || undefined);
  const result = parseConfig(env, file.ok ? file.file : null);
  const problems = [...(file.ok ? [] : file.problems), ...(result.ok ? [] : result.problems)];
  if (result.ok && problems.length === 0) return result.config;
  process.stderr.write(`Refund Desk cannot start: fix these settings (see .env.example and refund-desk.config.example.yaml):\n`);
  for (const problem of problems) process.stderr.write(`  ${problem}\n`);
  process.exit(1);
}
