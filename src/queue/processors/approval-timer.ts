import type { Services } from "../../app/services";
import { runApprovalTimer } from "../../use-cases/run-approval-timer";
import type { Processor } from "../processor";
import { callSlack } from "./call-slack";

export function approvalTimerProcessor(services: Services): Processor<"approval-timer"> {
  return ({ requestId, stage }, context) => runApprovalTimer(services, requestId, stage, (fn) => callSlack(context, fn));
}
