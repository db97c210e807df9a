import { UnrecoverableError } from "bullmq";
import type { Services } from "../../app/services";
import { BatchNotFoundError, fileBatch } from "../../use-cases/file-batch";
import type { Processor } from "../processor";

export function fileBatchProcessor(services: Services): Processor<"file-batch"> {
  return async ({ batchId }, { log }) => {
    try {
      await fileBatch({ ...services, log }, batchId);
    } catch (error) {
      if (error instanceof BatchNotFoundError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}
