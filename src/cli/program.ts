import { Command } from "commander";
import { ordersCommand } from "./commands/orders";
import { policyCommand } from "./commands/policy";
import { reportCommand } from "./commands/report";

/** `npx refund-desk …`: every command is its own file under ./commands. */
export function buildProgram(): Command {
  const program = new Command("refund-desk")
    .description("Refund Desk: order cancellations and refunds, decided and audited from Slack.")
    .showHelpAfterError();
  program.addCommand(ordersCommand());
  program.addCommand(policyCommand());
  program.addCommand(reportCommand());
  return program;
}
