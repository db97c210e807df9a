import { Command, Option } from "commander";
import { PLATFORMS, type Platform } from "../../domain/order";
import { ruleCatalog } from "../../domain/policy";
import { ruleSummary, type Words } from "../../presentation/index";
import { CliError } from "../cli-error";
import { chooseWords, environmentLocaleTag, localeOption } from "../cli-locale";

/** `refund-desk policy rules`: the rule ids the decisions cite, with their summaries. */
export function policyRulesCommand(): Command {
  return new Command("rules")
    .description("List the rules the engine cites, one per line")
    .addOption(new Option("--platform <platform>", "only this platform's rules and the general ones").choices(PLATFORMS))
    .addOption(localeOption())
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .action((options: { platform?: Platform; locale?: string }) => {
      const chosen = chooseWords(options.locale, environmentLocaleTag());
      if (!chosen.ok) throw new CliError(chosen.problem, 2);
      process.stdout.write(`${formatRules(chosen.words, options.platform)}\n`);
    });
}

export function formatRules(words: Words, platform?: Platform): string {
  return ruleCatalog
    .filter((rule) => platform === undefined || rule.platform === platform || rule.platform === "all")
    .map((rule) => `${rule.id.padEnd(3)}  ${rule.platform.padEnd(8)}  ${ruleSummary(words, rule.id)}`)
    .join("\n");
}
