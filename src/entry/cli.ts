import { openCliStore } from "../app/open-cli-store";
import { CliError } from "../cli/cli-error";
import { buildProgram } from "../cli/program";

try {
  await buildProgram(openCliStore).parseAsync(process.argv);
} catch (error) {
  // A problem the user can fix is one clear message; anything else is a bug and keeps its stack.
  if (!(error instanceof CliError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = error.exitCode;
}
