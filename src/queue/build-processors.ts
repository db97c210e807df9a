import type { Services } from "../app/services";
import type { Processors } from "./processor";
import { runApprovalTimerStageProcessor } from "./processors/run-approval-timer-stage";
import { batchTimerProcessor } from "./processors/batch-timer";
import { evaluateBatchProcessor } from "./processors/evaluate-batch";
import { fileBatchProcessor } from "./processors/file-batch";
import { sweepBatchesProcessor } from "./processors/sweep-batches";
import { syncBatchProcessor } from "./processors/sync-batch";
import { confirmRequestFiledProcessor } from "./processors/confirm-request-filed";
import { evaluateRequestProcessor } from "./processors/evaluate-request";
import { evaluateRequestsTogetherProcessor } from "./processors/evaluate-requests-together";
import { executeRequestProcessor } from "./processors/execute-request";
import { publishHomeProcessor } from "./processors/publish-home";
import { refreshHomesProcessor } from "./processors/refresh-homes";
import { sendReportProcessor } from "./processors/send-report";
import { sweepStaleRequestsProcessor } from "./processors/sweep-stale-requests";
import { queueDueApprovalTimersProcessor } from "./processors/queue-due-approval-timers";
import { sweepStalledExecutionsProcessor } from "./processors/sweep-stalled-executions";
import { syncRequestProcessor } from "./processors/sync-request";
import { syncRequestsTogetherProcessor } from "./processors/sync-requests-together";

/** Every job's processor, by the job's name: a new job's processor is registered here. */
export function buildProcessors(services: Services): Processors {
  return {
    "evaluate-request": evaluateRequestProcessor(services),
    "evaluate-requests": evaluateRequestsTogetherProcessor(services),
    "sweep-stale-requests": sweepStaleRequestsProcessor(services),
    "approval-timers": queueDueApprovalTimersProcessor(services),
    "approval-timer": runApprovalTimerStageProcessor(services),
    "sync-request": syncRequestProcessor(services),
    "sync-requests": syncRequestsTogetherProcessor(services),
    "confirm-request-filed": confirmRequestFiledProcessor(services),
    "refresh-homes": refreshHomesProcessor(services),
    "publish-home": publishHomeProcessor(services),
    "send-report": sendReportProcessor(services),
    "file-batch": fileBatchProcessor(services),
    "evaluate-batch": evaluateBatchProcessor(services),
    "batch-timer": batchTimerProcessor(services),
    "sweep-batches": sweepBatchesProcessor(services),
    "sync-batch": syncBatchProcessor(services),
    "execute-request": executeRequestProcessor(services),
    "sweep-stalled-executions": sweepStalledExecutionsProcessor(services),
  };
}
