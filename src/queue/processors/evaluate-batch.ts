import { UnrecoverableError } from "bullmq";
import type { Services } from "../../app/services";
import { evaluateBatchSlice } from "../../use-cases/evaluate-batch";
import { BatchNotFoundError } from "../../use-cases/file-batch";
import type { Processor } from "../processor";

export function evaluateBatchProcessor(services: Services): Processor<"evaluate-batch"> {
  return async ({ batchId, requestIds }, { log }) => {
    try {
      await evaluateBatchSlice({ ...services, log }, batchId, requestIds);
    } catch (error) {
      if (error instanceof BatchNotFoundError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}
