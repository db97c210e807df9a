import type { Services } from "../../../../app/services";
import { reportPeriod } from "../../../../domain/report-period";
import { wordsIn } from "../../their-words";
import { ephemeral, type CommandArgs } from "./types";

/** `/refund report [FROM [TO]]`: approvers get the CSV report as a file in a direct message. */
export async function reportSubcommand(services: Services, { ack, command, context }: CommandArgs, dates: { from?: string; to?: string }): Promise<void> {
  const words = wordsIn(context);
  if (!(await services.approvers.isApprover(command.user_id))) return ack(ephemeral(words.t("replies.report.approvers_only")));
  const period = reportPeriod(dates.from, dates.to, services.now());
  if (!period.ok) return ack(ephemeral(words.t("replies.report.bad_period", { problem: period.problem })));
  await services.queues.enqueue("send-report", { userId: command.user_id, from: period.from.toISOString(), to: period.to.toISOString(), request: command.trigger_id });
  await ack(ephemeral(words.t("replies.report.preparing")));
}
