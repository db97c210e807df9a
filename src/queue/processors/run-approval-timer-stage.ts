import type { Services } from "../../app/services";
import { runApprovalTimerStage } from "../../use-cases/run-approval-timer-stage";
import type { Processor } from "../processor";

/** One stage of a pending approval's timers (the job `approval-timer`), queued by the timer pass when it came due. */
export function runApprovalTimerStageProcessor(services: Services): Processor<"approval-timer"> {
  return ({ requestId, stage }, context) => runApprovalTimerStage(services, requestId, stage, services.slackJobs.timerNotices(context));
}
