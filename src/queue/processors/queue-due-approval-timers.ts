import type { Services } from "../../app/services";
import { queueDueApprovalTimers } from "../../use-cases/queue-due-approval-timers";
import type { Processor } from "../processor";

/** The timer pass (the job `approval-timers`, on a schedule): queues the stages of pending approvals that came due. */
export function queueDueApprovalTimersProcessor(services: Services): Processor<"approval-timers"> {
  return async (_data, { log }) => {
    const { queued } = await queueDueApprovalTimers(services);
    if (queued.length > 0) log.info({ count: queued.length, timers: queued.slice(0, 50) }, "queued approval timers that came due");
  };
}
