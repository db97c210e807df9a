import type { Services } from "../../app/services";
import type { Processor } from "../processor";

/** `/refund report`: the CSV, as a file in a direct message to the approver who asked. */
export function sendReportProcessor(services: Services): Processor<"send-report"> {
  return (data, context) => services.slackJobs.sendReport(data, context);
}
