import type { Services } from "../../app/services";
import { reportRows } from "../../db/report-query";
import { reportCsv } from "../../reports/requests-report";
import type { Processor } from "../processor";
import { callSlack } from "./call-slack";

/** `/refund report`: the CSV, as a file in a direct message to the approver who asked. */
export function sendReportProcessor(services: Services): Processor<"send-report"> {
  return async ({ userId, from, to }, context) => {
    const rows = await reportRows(services.db, new Date(from), new Date(to));
    const dm = await callSlack(context, () => services.slack.conversations.open({ users: userId }));
    const channel = dm.channel?.id;
    if (!channel) throw new Error("conversations.open answered without a channel");
    const period = `${from.slice(0, 10)} to ${new Date(Date.parse(to) - 1).toISOString().slice(0, 10)}`;
    await callSlack(context, () =>
      services.slack.filesUploadV2({
        channel_id: channel,
        filename: `refund-desk-report-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`,
        content: reportCsv(rows),
        title: `Refund Desk report, ${period}`,
        initial_comment: `:bar_chart: ${rows.length} request${rows.length === 1 ? "" : "s"} filed from ${period}.`,
      }),
    );
  };
}
