import { Command } from "commander";
import { policyCheckCommand } from "./policy-check";
import { policyRulesCommand } from "./policy-rules";

/** `refund-desk policy …`: the rules engine, for people. */
export function policyCommand(): Command {
  return new Command("policy")
    .description("Check requests against the cancellation and refund rules")
    .addCommand(policyCheckCommand())
    .addCommand(policyRulesCommand());
}
