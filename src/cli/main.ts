import { CliError } from "./cli-database";
import { buildProgram } from "./program";

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  // A problem the user can fix is one clear message; anything else is a bug and keeps its stack.
  if (!(error instanceof CliError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = error.exitCode;
}
