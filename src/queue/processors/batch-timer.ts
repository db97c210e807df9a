import type { Services } from "../../app/services";
import { runBatchTimer } from "../../use-cases/run-batch-timer";
import type { Processor } from "../processor";

export function batchTimerProcessor(services: Services): Processor<"batch-timer"> {
  return ({ batchId, stage }, context) => runBatchTimer(services, batchId, stage, services.slackJobs.timerNotices(context));
}
