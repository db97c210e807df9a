import { Command } from "commander";
import type { OpenCliStore } from "./cli-store";
import { ordersCommand } from "./commands/orders";
import { policyCommand } from "./commands/policy";
import { reportCommand } from "./commands/report";

/** `npx refund-desk …`: every command is its own file under ./commands. */
export function buildProgram(openStore: OpenCliStore): Command {
  const program = new Command("refund-desk")
    .description("Refund Desk: order cancellations and refunds, decided and audited from Slack.")
    .showHelpAfterError();
  program.addCommand(ordersCommand(openStore));
  program.addCommand(policyCommand());
  program.addCommand(reportCommand(openStore));
  return program;
}
