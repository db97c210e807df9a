import type { Services } from "../../../../app/services";
import { reportPeriod } from "../../../../domain/report-period";
import { ephemeral, type CommandArgs } from "./types";

/** `/refund report [FROM [TO]]`: approvers get the CSV report as a file in a direct message. */
export async function reportSubcommand(services: Services, { ack, command }: CommandArgs, dates: { from?: string; to?: string }): Promise<void> {
  if (!(await services.approvers.isApprover(command.user_id))) return ack(ephemeral("Only approvers can ask for the report."));
  const period = reportPeriod(dates.from, dates.to, services.now());
  if (!period.ok) return ack(ephemeral(`${period.problem}. Usage: \`/refund report [FROM [TO]]\` with dates like 2026-11-01.`));
  await services.queues.enqueue("send-report", { userId: command.user_id, from: period.from.toISOString(), to: period.to.toISOString(), request: command.trigger_id });
  await ack(ephemeral(":bar_chart: Preparing the report: it will arrive as a CSV file in a direct message."));
}
