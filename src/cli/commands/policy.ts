import { Command } from "commander";

/** `refund-desk policy …`: the rules engine, for people. */
export function policyCommand(): Command {
  return new Command("policy").description("Check requests against the cancellation and refund rules");
}
