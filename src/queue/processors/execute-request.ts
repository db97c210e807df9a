import { UnrecoverableError } from "bullmq";
import type { Services } from "../../app/services";
import { executeRequest } from "../../use-cases/execute-request";
import { RequestNotFoundError } from "../../use-cases/evaluate-request";
import type { Processor } from "../processor";

/**
 * Carries out an approved request (src/execution/execute-request.ts). A transient provider error
 * is thrown, so BullMQ retries with the job's exponential backoff and jitter; on the last attempt the
 * executor fails the request instead, so it is never left behind in `executing`.
 */
export function executeRequestProcessor(services: Services): Processor<"execute-request"> {
  return async ({ requestId }, { job, log }) => {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      const result = await executeRequest({ ...services, log }, requestId, { finalAttempt });
      log.info({ result }, "execute-request done");
    } catch (error) {
      if (error instanceof RequestNotFoundError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}
