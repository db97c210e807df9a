import { existsSync } from "node:fs";

/**
 * Reads `.env` (or the file named by DOTENV_PATH) into process.env when it exists. Variables
 * already set in the environment win over the file.
 */
export function loadDotEnv(path = process.env.DOTENV_PATH ?? ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
