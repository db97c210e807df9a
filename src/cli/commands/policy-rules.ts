import { Command, Option } from "commander";
import { PLATFORMS, type Platform } from "../../domain/order";
import { ruleCatalog } from "../../domain/policy";

/** `refund-desk policy rules`: the rule ids the decisions cite, with their summaries. */
export function policyRulesCommand(): Command {
  return new Command("rules")
    .description("List the rules the engine cites, one per line")
    .addOption(new Option("--platform <platform>", "only this platform's rules and the general ones").choices(PLATFORMS))
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .action((options: { platform?: Platform }) => {
      process.stdout.write(`${formatRules(options.platform)}\n`);
    });
}

export function formatRules(platform?: Platform): string {
  return ruleCatalog
    .filter((rule) => platform === undefined || rule.platform === platform || rule.platform === "all")
    .map((rule) => `${rule.id.padEnd(3)}  ${rule.platform.padEnd(8)}  ${rule.summary}`)
    .join("\n");
}
