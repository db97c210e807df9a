import { Command, Option } from "commander";
import { reportPeriod } from "../../domain/report-period";
import { reportCsv, reportJson } from "../../use-cases/requests-report";
import { CliError, explainDbError } from "../cli-error";
import type { OpenCliStore } from "../cli-store";

/** `refund-desk report --from DATE --to DATE [--format csv|json]`: requests with outcomes, amounts, approvers and times. */
export function reportCommand(openStore: OpenCliStore): Command {
  return new Command("report")
    .description("Print the requests filed between two dates with their outcome, amounts, approvers and timestamps")
    .option("--from <date>", "first day, YYYY-MM-DD (UTC); default 30 days before --to")
    .option("--to <date>", "last day, YYYY-MM-DD (UTC), included; default today")
    .addOption(new Option("--format <format>", "output format").choices(["csv", "json"]).default("csv"))
    .action(async (options: { from?: string; to?: string; format: "csv" | "json" }) => {
      const period = reportPeriod(options.from, options.to, new Date());
      if (!period.ok) throw new CliError(period.problem, 2);
      const store = openStore();
      try {
        const rows = await store.reportRows(period.from, period.to).catch((error: unknown) => {
          throw explainDbError(error);
        });
        process.stdout.write(options.format === "json" ? reportJson(rows) : reportCsv(rows));
      } finally {
        await store.close();
      }
    });
}
