import { Command } from "commander";
import { CliError } from "./cli-database";
import { ordersCommand } from "./commands/orders";
import { policyCommand } from "./commands/policy";
import { reportCommand } from "./commands/report";

// `npx refund-desk …`: every command is its own file under ./commands.
const program = new Command("refund-desk")
  .description("Refund Desk: order cancellations and refunds, decided and audited from Slack.")
  .showHelpAfterError();

program.addCommand(ordersCommand());
program.addCommand(policyCommand());
program.addCommand(reportCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A problem the user can fix is one clear message; anything else is a bug and keeps its stack.
  if (!(error instanceof CliError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = error.exitCode;
}
