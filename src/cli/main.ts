import { Command } from "commander";
import { policyCommand } from "./commands/policy";

// `npx refund-desk …`: every command is its own file under ./commands.
const program = new Command("refund-desk")
  .description("Refund Desk: order cancellations and refunds, decided and audited from Slack.")
  .showHelpAfterError();

program.addCommand(policyCommand());

await program.parseAsync(process.argv);
